/** Reads a site's live snapshot: the JSON of `GET /api/realtime` (documented in docs/protocol.md). */
import type { CartStage, Snapshot } from '@cartpulse/protocol';
import type { RedisClient } from '../redis/client.js';
import { MINUTE } from '../config.js';
import { type PartitionKeys, partitionKeys, partitionOf } from '../keys.js';
import { REVENUE_UNITS, type WindowSettings } from './arithmetic.js';
import { breakdownsOf, emptyBreakdowns } from './breakdowns.js';
import type { RecentEvent, StoredRecentEvent } from './delta.js';
import { DIMENSIONS, type Filter, segmentOf } from './dimensions.js';
import { snapshotParams } from './params.js';
import { engineCommands } from './lua/scripts.js';
import { snapshotKeys, WATERMARK_FIELDS, type Watermarks } from './script-keys.js';
import { averageOrderValues, conversionRate, coverageOf } from './snapshot-numbers.js';
import { readToday } from './today.js';

export { averageOrderValue, averageOrderValues, conversionRate } from './snapshot-numbers.js';

/**
 * What `GET /api/realtime` answers: the protocol's type itself (`@cartpulse/protocol`), which this module
 * builds.
 */
export type { Snapshot };

export interface SnapshotSettings extends WindowSettings {
  keyPrefix: string;
  partitions: number;
}

/** What lua/snapshot.lua answers (an empty list arrives as `{}`: Lua has one table type). */
interface SnapshotReply {
  status: 'ok';
  activeUsers: number;
  activeSessions: number;
  visitors: number;
  buyers: number;
  orders: number;
  pages: Record<string, number>;
  commerce: Record<string, number>;
  carts: Record<string, number>;
  checkout: Record<string, number>;
  topPages: [string, number][] | Record<string, never>;
  topProducts: [string, number][] | Record<string, never>;
  names: string[] | Record<string, never>;
  pageviewSeries: number[];
  visitorSeries: number[];
  recent: string[] | Record<string, never>;
}

const list = <T>(value: T[] | Record<string, never>): T[] => (Array.isArray(value) ? value : []);

/**
 * @param filter only the sessions of one breakdown row (its segment: windows/dimensions.ts)
 * @param timezone the site's IANA time zone, for "today" @default 'UTC'
 */
export async function readSnapshot(
  redis: RedisClient,
  settings: SnapshotSettings,
  site: string,
  now: number,
  filter?: Filter,
  timezone = 'UTC',
): Promise<Snapshot> {
  const keys = partitionKeys(settings.keyPrefix, partitionOf(site, settings.partitions));
  const params = snapshotParams(now, settings);
  const windows = filter ? segmentOf(site, filter.dimension, filter.value) : site;
  const [reply, days] = await Promise.all([
    readWindows(redis, keys, windows, site, params),
    filter ? undefined : readToday(redis, keys, site, now, timezone),
  ]);
  const { commerce } = reply;
  const revenue: Record<string, number> = {};
  for (const [field, units] of Object.entries(commerce))
    if (field.startsWith('r:') && units !== 0) revenue[field.slice(2)] = units / REVENUE_UNITS;
  const names = list(reply.names);
  return {
    site,
    at: now,
    windows: { ...settings.windows, granularityMs: settings.granularityMs },
    activeUsers: reply.activeUsers,
    activeSessions: reply.activeSessions,
    pageviews: reply.pages.pv ?? 0,
    topPages: list(reply.topPages).map(([path, views]) => ({ path, views })),
    ecommerce: {
      viewItems: commerce.vi ?? 0,
      addToCarts: commerce.atc ?? 0,
      checkouts: commerce.co ?? 0,
      orders: reply.orders,
      revenue,
      conversionRate: conversionRate(reply.buyers, reply.visitors),
      averageOrderValue: averageOrderValues(commerce),
      carts: {
        active: stageOf(reply.carts, 'n', 'v:'),
        checkingOut: stageOf(reply.checkout, 'co', 'cv:'),
        purchased: stageOf(reply.checkout, 'p', 'r:'),
      },
      topProducts: list(reply.topProducts).map(([id, count], i) => ({ id, name: names[i] || id, count })),
      coverage: days ? { window: coverageOf(commerce), today: days.coverage } : null,
    },
    series: {
      start: params.firstMinute * MINUTE,
      stepMs: MINUTE,
      pageviews: reply.pageviewSeries,
      visitors: reply.visitorSeries,
    },
    recent: recentOf(list(reply.recent), filter),
    breakdowns: filter ? emptyBreakdowns() : breakdownsOf(commerce),
    filter: filter ?? null,
    timezone,
    today: days?.today ?? null,
    yesterday: days?.yesterday ?? null,
    lastWeek: days?.lastWeek ?? null,
    hours: days?.hours ?? null,
  };
}

/**
 * The snapshot script's answer. Its keys include the buckets that left the windows, which depend on the
 * watermarks: read them first; if the consumer moves them in between, the script says so, and we read
 * again.
 */
async function readWindows(
  redis: RedisClient,
  keys: PartitionKeys,
  site: string,
  baseSite: string,
  params: ReturnType<typeof snapshotParams>,
): Promise<SnapshotReply> {
  for (;;) {
    const marks = (await redis.hmget(`${keys.prefix}wm:${site}`, ...WATERMARK_FIELDS)).map((value) =>
      value === null ? -1 : Number(value),
    ) as Watermarks;
    const names = snapshotKeys(keys, site, params, marks);
    if (baseSite !== site) names.push(`${keys.prefix}names:${baseSite}`, `${keys.prefix}recent:${baseSite}`);
    const payload = JSON.stringify({ ...params, prefix: keys.prefix, site, baseSite, state: marks });
    const reply = JSON.parse(
      await engineCommands(redis).cartpulseSnapshot(names.length, ...names, payload),
    ) as SnapshotReply | { status: 'stale' };
    if (reply.status === 'ok') return reply;
  }
}

/**
 * The live feed: the site's latest events, each stored with its session's attribution (`a`), which
 * picks the events of a filtered view and is not shown.
 */
function recentOf(texts: string[], filter: Filter | undefined): RecentEvent[] {
  const index = filter ? DIMENSIONS.indexOf(filter.dimension) : -1;
  const events: RecentEvent[] = [];
  for (const text of texts) {
    const { a, ...event } = JSON.parse(text) as StoredRecentEvent;
    if (!filter || a?.[index] === filter.value) events.push(event);
  }
  return events;
}

/** A live-cart stage from its window's sums: the sessions field, and the value fields per currency. */
function stageOf(sums: Record<string, number>, sessions: string, valuePrefix: string): CartStage {
  const value: Record<string, number> = {};
  for (const [field, units] of Object.entries(sums))
    if (field.startsWith(valuePrefix) && units !== 0)
      value[field.slice(valuePrefix.length)] = units / REVENUE_UNITS;
  return { sessions: sums[sessions] ?? 0, value };
}
