/** Reads a site's live snapshot: the JSON of `GET /api/realtime` (documented in docs/protocol.md). */
import type Redis from 'ioredis';
import { MINUTE } from '../config.js';
import { partitionKeys, partitionOf } from '../keys.js';
import { REVENUE_UNITS, type WindowSettings } from './arithmetic.js';
import type { RecentEvent } from './delta.js';
import { snapshotParams } from './params.js';
import { SNAPSHOT_SCRIPT } from './scripts.js';

export interface Snapshot {
  site: string;
  at: number;
  windows: { activeMs: number; pagesMs: number; commerceMs: number; granularityMs: number };
  activeUsers: number;
  activeSessions: number;
  pageviews: number;
  topPages: { path: string; views: number }[];
  ecommerce: {
    viewItems: number;
    addToCarts: number;
    checkouts: number;
    orders: number;
    revenue: Record<string, number>;
    conversionRate: number;
    topProducts: { id: string; name: string; count: number }[];
  };
  series: { start: number; stepMs: number; pageviews: number[]; visitors: number[] };
  recent: RecentEvent[];
}

export interface SnapshotSettings extends WindowSettings {
  keyPrefix: string;
  partitions: number;
}

type ScriptRedis = Redis & {
  cartpulseSnapshot(stream: string, params: string): Promise<unknown[]>;
};

export function defineSnapshotScript(redis: Redis): ScriptRedis {
  const scripted = redis as ScriptRedis;
  if (typeof scripted.cartpulseSnapshot !== 'function')
    redis.defineCommand('cartpulseSnapshot', { numberOfKeys: 1, lua: SNAPSHOT_SCRIPT });
  return scripted;
}

const pairs = (flat: string[]) => {
  const result: [string, number][] = [];
  for (let i = 0; i < flat.length; i += 2) result.push([flat[i], Number(flat[i + 1])]);
  return result;
};

export async function readSnapshot(
  redis: Redis,
  settings: SnapshotSettings,
  site: string,
  now: number,
): Promise<Snapshot> {
  const keys = partitionKeys(settings.keyPrefix, partitionOf(site, settings.partitions));
  const params = snapshotParams(now, settings);
  const raw = (await defineSnapshotScript(redis).cartpulseSnapshot(
    keys.stream,
    JSON.stringify({ ...params, prefix: keys.prefix, site }),
  )) as [
    number,
    number,
    number,
    number,
    number,
    string[],
    string[],
    string[],
    string[],
    string[],
    number[],
    number[],
    string[],
  ];
  const [
    activeUsers,
    activeSessions,
    visitors,
    buyers,
    orders,
    pagesAgg,
    topPages,
    commerceAgg,
    topProducts,
    names,
  ] = raw;
  const pageCounters = Object.fromEntries(pairs(pagesAgg));
  const commerce = Object.fromEntries(pairs(commerceAgg));
  const revenue: Record<string, number> = {};
  for (const [field, units] of Object.entries(commerce))
    if (field.startsWith('r:') && units !== 0) revenue[field.slice(2)] = units / REVENUE_UNITS;
  return {
    site,
    at: now,
    windows: { ...settings.windows, granularityMs: settings.granularityMs },
    activeUsers,
    activeSessions,
    pageviews: pageCounters.pv ?? 0,
    topPages: pairs(topPages).map(([path, score]) => ({ path, views: -score })),
    ecommerce: {
      viewItems: commerce.vi ?? 0,
      addToCarts: commerce.atc ?? 0,
      checkouts: commerce.co ?? 0,
      orders,
      revenue,
      conversionRate: conversionRate(buyers, visitors),
      topProducts: pairs(topProducts).map(([id, score], i) => ({ id, name: names[i] || id, count: -score })),
    },
    series: {
      start: params.firstMinute * MINUTE,
      stepMs: MINUTE,
      pageviews: raw[10].map(Number),
      visitors: raw[11].map(Number),
    },
    recent: raw[12].map((text) => JSON.parse(text) as RecentEvent),
  };
}

/** Buyers ÷ visitors over the e-commerce window, 4 decimals; 0 when nobody visited. */
export function conversionRate(buyers: number, visitors: number): number {
  return visitors === 0 ? 0 : Math.round((buyers / visitors) * 10_000) / 10_000;
}
