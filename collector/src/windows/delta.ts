/**
 * Pre-aggregation of a batch of stream entries into the few deltas one Lua call applies. Pure: which
 * events count where is decided here, with the consumer's clock passed in. The Lua side adds the parts
 * that need state (derived sessions, first sighting of an order, the window watermarks).
 */
import type { StoredBatch, StoredEvent } from '../protocol/stored-event.js';
import {
  bucketOf,
  firstBucket,
  firstMinute,
  horizonStart,
  minuteOf,
  toRevenueUnits,
  type WindowSettings,
  windowStart,
} from './arithmetic.js';

/** Counters of one bucket: plain fields (`pv`, `vi`, …) and ranked members prefixed with `#`. */
export type BucketFields = Record<string, number>;

export interface RecentEvent {
  type: StoredEvent['type'];
  t: number;
  path?: string;
  item?: string;
  name?: string;
}

export interface SiteDelta {
  /** Visitor → latest event time. */
  visitors: Record<string, number>;
  /** Client-sent session → latest event time. */
  sessions: Record<string, number>;
  /** Visitor → ascending times of events without a session id (the consumer derives their sessions). */
  anonymous: Record<string, number[]>;
  /** Visitor → latest purchase time. */
  buyers: Record<string, number>;
  /** Order id → [time of its first event here, time of its latest, currency, revenue units of the first]. */
  orders: Record<string, [number, number, string, number]>;
  /** Bucket → fields, for the pageview group (`pv`, `#<path>`). */
  pages: Record<string, BucketFields>;
  /** Bucket → fields, for the e-commerce group (`vi`, `atc`, `co`, `#<product id>` units added). */
  commerce: Record<string, BucketFields>;
  /** Product id → latest name seen. */
  names: Record<string, string>;
  minutePageviews: Record<string, number>;
  minuteVisitors: Record<string, string[]>;
  /** Oldest first; the consumer keeps the newest 50. */
  recent: RecentEvent[];
}

export interface Delta {
  /** `site|event id` of every event applied, for duplicate detection. */
  ids: string[];
  sites: Record<string, SiteDelta>;
}

export const RECENT_EVENTS = 50;

const emptySiteDelta = (): SiteDelta => ({
  visitors: {},
  sessions: {},
  anonymous: {},
  buyers: {},
  orders: {},
  pages: {},
  commerce: {},
  names: {},
  minutePageviews: {},
  minuteVisitors: {},
  recent: [],
});

const add = (fields: Record<string, number>, field: string, n: number) => {
  fields[field] = (fields[field] ?? 0) + n;
};
const latest = (times: Record<string, number>, key: string, t: number) => {
  if (!(key in times) || times[key] < t) times[key] = t;
};
const bucketFields = (group: Record<string, BucketFields>, bucket: number) => {
  const key = String(bucket);
  group[key] ??= {};
  return group[key];
};

export function dedupeKey(site: string, event: StoredEvent): string {
  return `${site}|${event.id}`;
}

export function orderRevenueUnits(event: StoredEvent): number {
  if (!event.currency) return 0;
  if (event.value !== undefined) return toRevenueUnits(event.value);
  let sum = 0;
  for (const item of event.items ?? []) sum += toRevenueUnits((item.price ?? 0) * (item.qty ?? 1));
  return sum;
}

/**
 * @param skip dedupe keys to leave out (already applied, as the Lua side reported)
 */
export function buildDelta(
  batches: StoredBatch[],
  now: number,
  settings: WindowSettings,
  skip: ReadonlySet<string> = new Set(),
): Delta {
  const { granularityMs: g, windows } = settings;
  const horizon = horizonStart(now, settings);
  const distinctStart = windowStart(now, Math.max(windows.activeMs, windows.commerceMs), g);
  const firstPagesBucket = firstBucket(now, windows.pagesMs, g);
  const firstCommerceBucket = firstBucket(now, windows.commerceMs, g);
  const commerceStart = firstCommerceBucket * g;
  const recentStart = windowStart(now, windows.pagesMs, g);
  const seriesStart = firstMinute(now, settings.seriesMinutes);
  const seen = new Set<string>();
  const delta: Delta = { ids: [], sites: {} };

  for (const { site, events } of batches) {
    for (const event of events) {
      const key = dedupeKey(site, event);
      if (event.t < horizon || seen.has(key) || skip.has(key)) continue;
      seen.add(key);
      delta.ids.push(key);
      delta.sites[site] ??= emptySiteDelta();
      const d = delta.sites[site];
      const { t } = event;
      const bucket = bucketOf(t, g);
      const minute = minuteOf(t);

      if (t >= distinctStart) {
        latest(d.visitors, event.vid, t);
        if (event.sid !== undefined) latest(d.sessions, event.sid, t);
      }
      if (event.sid === undefined) (d.anonymous[event.vid] ??= []).push(t);
      if (minute >= seriesStart) {
        const m = String(minute);
        (d.minuteVisitors[m] ??= []).push(event.vid);
        if (event.type === 'pageview') add(d.minutePageviews, m, 1);
      }
      if (event.type === 'pageview' && bucket >= firstPagesBucket) {
        const fields = bucketFields(d.pages, bucket);
        add(fields, 'pv', 1);
        add(fields, `#${event.path ?? '(unknown)'}`, 1);
      }
      if (t >= commerceStart) countCommerce(d, event, bucket);
      if (t >= recentStart) d.recent.push(recentOf(event));
    }
  }
  for (const d of Object.values(delta.sites)) {
    for (const times of Object.values(d.anonymous)) times.sort((a, b) => a - b);
    for (const [m, vids] of Object.entries(d.minuteVisitors)) d.minuteVisitors[m] = [...new Set(vids)];
    d.recent.sort((a, b) => a.t - b.t);
    d.recent = d.recent.slice(-RECENT_EVENTS);
  }
  return delta;
}

function countCommerce(d: SiteDelta, event: StoredEvent, bucket: number) {
  for (const item of event.items ?? []) if (item.name) d.names[item.id] = item.name;
  switch (event.type) {
    case 'view_item':
      add(bucketFields(d.commerce, bucket), 'vi', 1);
      return;
    case 'add_to_cart': {
      const fields = bucketFields(d.commerce, bucket);
      add(fields, 'atc', 1);
      for (const item of event.items ?? []) add(fields, `#${item.id}`, item.qty ?? 1);
      return;
    }
    case 'begin_checkout':
      add(bucketFields(d.commerce, bucket), 'co', 1);
      return;
    case 'purchase': {
      latest(d.buyers, event.vid, event.t);
      const known = d.orders[event.order as string];
      if (!known)
        d.orders[event.order as string] = [event.t, event.t, event.currency ?? '', orderRevenueUnits(event)];
      else if (known[1] < event.t) known[1] = event.t;
      return;
    }
  }
}

function recentOf(event: StoredEvent): RecentEvent {
  const recent: RecentEvent = { type: event.type, t: event.t };
  if (event.path !== undefined) recent.path = event.path;
  const item = event.items?.[0];
  if (item) recent.item = item.name ?? item.id;
  if (event.name !== undefined) recent.name = event.name;
  return recent;
}
