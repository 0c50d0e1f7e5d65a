/**
 * Brute-force recount of a site's snapshot from the full list of delivered events: the reference the
 * windows are checked against. Slow and obvious on purpose; it shares only the window arithmetic.
 */
import type { StoredEvent } from '../protocol/stored-event.js';
import {
  bucketOf,
  firstBucket,
  firstMinute,
  minuteOf,
  toRevenueUnits,
  type WindowSettings,
  windowStart,
} from '../windows/arithmetic.js';
import { orderRevenueUnits } from '../windows/delta.js';
import { conversionRate, type Snapshot } from '../windows/snapshot.js';

/** One delivery as the oracle sees it; events without `sid` count as one session per visitor per window. */
export interface Delivered {
  site: string;
  event: StoredEvent;
}

export type Recount = Omit<Snapshot, 'recent' | 'windows' | 'series'> & {
  series: { pageviews: number[]; visitors: number[] };
};

const top = <T>(counts: Map<string, number>, make: (key: string, n: number) => T): T[] =>
  [...counts]
    .filter(([, n]) => n > 0)
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, 10)
    .map(([key, n]) => make(key, n));

const bump = (map: Map<string, number>, key: string, n = 1) => map.set(key, (map.get(key) ?? 0) + n);

/**
 * @param delivered every delivery in processing order, duplicates included (the first one counts)
 * @param names product id → name
 */
export function recount(
  delivered: Delivered[],
  site: string,
  at: number,
  settings: WindowSettings,
  names: Record<string, string> = {},
): Recount {
  const g = settings.granularityMs;
  const seen = new Set<string>();
  const events: StoredEvent[] = [];
  for (const d of delivered) {
    if (d.site !== site || seen.has(d.event.id)) continue;
    seen.add(d.event.id);
    if (d.event.t <= at) events.push(d.event);
  }
  const activeStart = windowStart(at, settings.windows.activeMs, g);
  const pagesFirst = firstBucket(at, settings.windows.pagesMs, g);
  const commerceStart = windowStart(at, settings.windows.commerceMs, g);

  const activeVisitors = new Set<string>();
  const activeSessions = new Set<string>();
  const visitors = new Set<string>();
  const buyers = new Set<string>();
  const orders = new Set<string>();
  const pages = new Map<string, number>();
  const products = new Map<string, number>();
  const revenueUnits = new Map<string, number>();
  const firstOrderEvent = new Map<string, StoredEvent>();
  let pageviews = 0;
  let viewItems = 0;
  let addToCarts = 0;
  let checkouts = 0;

  for (const e of events) {
    if (e.type === 'purchase' && !firstOrderEvent.has(e.order as string))
      firstOrderEvent.set(e.order as string, e);
    if (e.t >= activeStart) {
      activeVisitors.add(e.vid);
      activeSessions.add(e.sid ?? `~${e.vid}`);
    }
    if (e.type === 'pageview' && bucketOf(e.t, g) >= pagesFirst) {
      pageviews++;
      bump(pages, e.path ?? '(unknown)');
    }
    if (e.t < commerceStart) continue;
    visitors.add(e.vid);
    if (e.type === 'view_item') viewItems++;
    if (e.type === 'begin_checkout') checkouts++;
    if (e.type === 'add_to_cart') {
      addToCarts++;
      for (const item of e.items ?? []) bump(products, item.id, item.qty ?? 1);
    }
    if (e.type === 'purchase') {
      buyers.add(e.vid);
      orders.add(e.order as string);
    }
  }
  for (const e of firstOrderEvent.values()) {
    const units = orderRevenueUnits(e);
    if (e.t >= commerceStart && units > 0 && e.currency) bump(revenueUnits, e.currency, units);
  }

  const first = firstMinute(at, settings.seriesMinutes);
  const series = {
    pageviews: Array.from({ length: settings.seriesMinutes }, () => 0),
    visitors: Array.from({ length: settings.seriesMinutes }, () => 0),
  };
  const minuteVisitors = Array.from({ length: settings.seriesMinutes }, () => new Set<string>());
  for (const e of events) {
    const index = minuteOf(e.t) - first;
    if (index < 0) continue;
    minuteVisitors[index].add(e.vid);
    if (e.type === 'pageview') series.pageviews[index]++;
  }
  series.visitors = minuteVisitors.map((set) => set.size);

  return {
    site,
    at,
    activeUsers: activeVisitors.size,
    activeSessions: activeSessions.size,
    pageviews,
    topPages: top(pages, (path, views) => ({ path, views })),
    ecommerce: {
      viewItems,
      addToCarts,
      checkouts,
      orders: orders.size,
      revenue: Object.fromEntries([...revenueUnits].map(([currency, units]) => [currency, units / 10_000])),
      conversionRate: conversionRate(buyers.size, visitors.size),
      topProducts: top(products, (id, count) => ({ id, name: names[id] ?? id, count })),
    },
    series,
  };
}

/** The part of a snapshot the recount covers. */
export function comparable(snapshot: Snapshot): Recount {
  const { recent: _recent, windows: _windows, series, ...rest } = snapshot;
  return { ...rest, series: { pageviews: series.pageviews, visitors: series.visitors } };
}

export { toRevenueUnits };
