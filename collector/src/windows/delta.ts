/**
 * Pre-aggregation of a batch of stream entries into the deltas one Lua call applies. Pure, and the one
 * place that decides what counts where: which events feed which window, derived sessions, a session's
 * attribution and the segments it feeds, revenue once per order, the breakdowns' distinct visitors.
 * What it decides on (the state it read before, `SiteState`) travels with the delta: the apply script
 * checks it is still so before writing (else "stale": read again, build again), then de-duplicates
 * event ids, applies and acknowledges, atomically.
 */
import type { EventType } from '../protocol/schema.js';
import type { StoredBatch, StoredClient, StoredEvent } from '../protocol/stored-event.js';
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
import { nextAttribution } from './attribution.js';
import {
  DAY_HORIZON_MS,
  DAY_METRIC,
  type DayChange,
  dayCounter,
  type FirstChanges,
  type FirstTimes,
  firstsWanted,
} from './days.js';
import { HOUR } from './local-day.js';
import { nextOrder, type OrderEffect, type OrderRecord, parseOrder } from './orders.js';
import {
  type CartState,
  type Contribution,
  contributionOf,
  emptyCart,
  nextCart,
  parseCart,
} from './carts.js';
import {
  type Attribution,
  BREAKDOWN_FIELD,
  breakdownField,
  DIMENSIONS,
  type Dimension,
  revenueField,
  SEPARATOR,
  segmentsOf,
} from './dimensions.js';
import { CARTS_WINDOW_MS, CHECKOUT_WINDOW_MS } from './params.js';

/** Counters of one bucket: plain fields (`pv`, `vi`, …) and ranked members prefixed with `#`. */
export type BucketFields = Record<string, number>;

export interface RecentEvent {
  type: EventType;
  t: number;
  path?: string;
  item?: string;
  name?: string;
}

/** A live-feed entry as stored: with its session's attribution, which picks a filtered view's events. */
export interface StoredRecentEvent extends RecentEvent {
  a?: Attribution;
}

export interface SiteDelta {
  /** A segment of a site (windows/dimensions.ts): counted like a site, without its partition-wide sets. */
  segment: boolean;
  /** Visitor → latest event time. */
  visitors: Record<string, number>;
  /** Session (client-sent, or derived `visitor~start`) → latest event time. */
  sessions: Record<string, number>;
  /** Visitor → latest purchase time. */
  buyers: Record<string, number>;
  /** Order id → time of its latest purchase event here. */
  orders: Record<string, number>;
  /** Bucket → fields, for the pageview group (`pv`, `#<path>`). */
  pages: Record<string, BucketFields>;
  /** Bucket → fields, for the e-commerce group (`vi`, `atc`, `co`, `r:<currency>`, `#<product id>`, breakdowns). */
  commerce: Record<string, BucketFields>;
  /** Bucket → fields, for live carts (`n` carts, `v:<currency>` their value: windows/carts.ts). */
  carts: Record<string, BucketFields>;
  /** Bucket → fields, for checking out and purchased (`co`, `cv:<currency>`, `p`, `r:<currency>`). */
  checkout: Record<string, BucketFields>;
  /** Product id → latest name seen. */
  names: Record<string, string>;
  minutePageviews: Record<string, number>;
  minuteVisitors: Record<string, string[]>;
  /** Oldest first; the consumer keeps the newest 50. A segment has none: its view filters the site's. */
  recent: StoredRecentEvent[];
}

/** What the consumer read of a site's state before building its delta (windows/state.ts); absent: none. */
export interface SiteState {
  /** Visitor → its derived session `start:last` (`sess:<site>:<visitor>`), for events without a session id. */
  derived: Record<string, string>;
  /** Session key (session id, or `~<visitor>` without one) → its attribution, JSON (`sa:<site>:<key>`). */
  attributions: Record<string, string>;
  /** Order id → its ledger record, JSON (`order:<site>:<order>`, orders.ts). */
  orders: Record<string, string>;
  /** Segment → visitor → latest event time there (`vis:<segment>`). */
  latest: Record<string, Record<string, number>>;
  /** Session key → its live cart, JSON (`cart:<site>:<key>`, windows/carts.ts). */
  carts: Record<string, string>;
  /** `<set>:<date>` → visitor, session or buyer → its first time that day (windows/days.ts). */
  firsts: FirstTimes;
}

/** The state a site's delta was decided on (`false`: none) and what the apply script writes. */
export interface SiteChange {
  derived: Record<string, [expected: string | false, next: string]>;
  attributions: Record<string, [expected: string | false, next: string]>;
  orders: Record<string, [expected: string | false, next: string]>;
  latest: Record<string, Record<string, number | false>>;
  carts: Record<string, [expected: string | false, next: string]>;
  /** Segments fed, for the site's segment index. */
  segments: string[];
  /** Local date → what the batch adds to the site's day rollups (windows/days.ts). */
  days: Record<string, DayChange>;
  /** First times of the day moved earlier (or new), checked and written like the rest of the state. */
  firsts: FirstChanges;
}

export interface Delta {
  /**
   * `site|event id` of every event applied, for duplicate detection, by the hour of the event's time
   * (epoch ms ÷ 1 h): a retry carries the same time, give or take its trip, so it is looked for in that
   * hour's set and its two neighbours.
   */
  seen: Record<string, string[]>;
  /** Events applied. */
  applied: number;
  /** Events left out as older than `DAY_HORIZON_MS`: they count nowhere (the consumer lags a day behind). */
  tooOld: number;
  /** Sites and their segments. */
  sites: Record<string, SiteDelta>;
  /** Per site (never a segment). */
  changes: Record<string, SiteChange>;
}

export interface DeltaSettings extends WindowSettings {
  sessionTimeoutMs: number;
  /** Count sessions in breakdowns and segments. @default true */
  breakdowns?: boolean;
}

/** A site's time zone when its entries name none (written before time zones travelled with them). */
export const DEFAULT_TIMEZONE = 'UTC';

export const RECENT_EVENTS = 50;

const emptySiteDelta = (segment: boolean): SiteDelta => ({
  segment,
  visitors: {},
  sessions: {},
  buyers: {},
  orders: {},
  pages: {},
  commerce: {},
  carts: {},
  checkout: {},
  names: {},
  minutePageviews: {},
  minuteVisitors: {},
  recent: [],
});

const emptyChange = (): SiteChange => ({
  derived: {},
  attributions: {},
  orders: {},
  latest: {},
  carts: {},
  segments: [],
  days: {},
  firsts: {},
});

export const emptySiteState = (): SiteState => ({
  derived: {},
  attributions: {},
  orders: {},
  latest: {},
  carts: {},
  firsts: {},
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

/** The key a session's attribution is kept under: its id, or the visitor's when the client sent none. */
export const attributionKey = (event: StoredEvent) => event.sid ?? `~${event.vid}`;

export { orderRevenueUnits } from './orders.js';

interface Edges {
  distinctStart: number;
  firstPagesBucket: number;
  firstCommerceBucket: number;
  commerceStart: number;
  recentStart: number;
  seriesStart: number;
}

/**
 * The whole delta of a batch: `countBatch`, then `countBreakdownVisitors` (the consumer reads the
 * segments' latest visitor times in between, once it knows which segments the batch feeds).
 * @param state what was read before (windows/state.ts); missing sites have none
 * @param skip dedupe keys to leave out (already applied, as the Lua side reported)
 */
export function buildDelta(
  batches: StoredBatch[],
  now: number,
  settings: DeltaSettings,
  state: Record<string, SiteState> = {},
  skip: ReadonlySet<string> = new Set(),
): Delta {
  const delta = countBatch(batches, now, settings, state, skip);
  countBreakdownVisitors(delta, now, settings, state);
  return delta;
}

/**
 * Distinct visitors per breakdown row: each (value, visitor) counts in the bucket of its latest event,
 * moved there from the bucket of the one before (read into `state[site].latest`) while that is still in
 * the window, so the window's sum is distinct visitors.
 */
export function countBreakdownVisitors(
  delta: Delta,
  now: number,
  settings: DeltaSettings,
  state: Record<string, SiteState>,
): void {
  const g = settings.granularityMs;
  const firstCommerceBucket = firstBucket(now, settings.windows.commerceMs, g);
  for (const [site, change] of Object.entries(delta.changes)) {
    const read = state[site] ?? emptySiteState();
    const d = delta.sites[site];
    for (const id of change.segments) {
      const visitors = delta.sites[id].visitors;
      const before = read.latest[id] ?? {};
      const expected: Record<string, number | false> = {};
      const [, dimension, value] = id.split(SEPARATOR) as [string, Dimension, string];
      const field = breakdownField(BREAKDOWN_FIELD.visitors, dimension, value);
      for (const vid in visitors) {
        const t = visitors[vid];
        const old = before[vid];
        expected[vid] = old ?? false;
        const to = bucketOf(t, g);
        const from = old === undefined ? undefined : bucketOf(old, g);
        if (from !== undefined && to <= from) continue;
        if (to >= firstCommerceBucket) add(bucketFields(d.commerce, to), field, 1);
        if (from !== undefined && from >= firstCommerceBucket) add(bucketFields(d.commerce, from), field, -1);
      }
      change.latest[id] = expected;
    }
  }
}

/** Everything of a batch's delta but the breakdowns' distinct visitors (`countBreakdownVisitors`). */
export function countBatch(
  batches: StoredBatch[],
  now: number,
  settings: DeltaSettings,
  state: Record<string, SiteState> = {},
  skip: ReadonlySet<string> = new Set(),
): Delta {
  const { granularityMs: g, windows } = settings;
  const breakdowns = settings.breakdowns ?? true;
  const horizon = horizonStart(now, settings);
  const firstCommerceBucket = firstBucket(now, windows.commerceMs, g);
  const edges: Edges = {
    distinctStart: windowStart(now, Math.max(windows.activeMs, windows.commerceMs), g),
    firstPagesBucket: firstBucket(now, windows.pagesMs, g),
    firstCommerceBucket,
    commerceStart: firstCommerceBucket * g,
    recentStart: windowStart(now, windows.pagesMs, g),
    seriesStart: firstMinute(now, settings.seriesMinutes),
  };
  const selected = selectEvents(batches, now, skip);
  const delta: Delta = { seen: {}, applied: 0, tooOld: selected.tooOld, sites: {}, changes: {} };
  for (const [key, { event }] of selected.keys) {
    (delta.seen[String(Math.floor(event.t / HOUR))] ??= []).push(key);
    delta.applied++;
  }

  for (const [site, { timezone, events: all }] of selected.sites) {
    const read = state[site] ?? emptySiteState();
    const change = emptyChange();
    delta.changes[site] = change;
    const d = (delta.sites[site] = emptySiteDelta(false));
    // events older than every window count in their day only; the backend's orders in the ledger only
    const events = all.filter(({ event }) => event.t >= horizon && event.origin !== 'backend');
    const sessionOf = deriveSessions(
      events.map((e) => e.event),
      read,
      change,
      settings.sessionTimeoutMs,
    );
    const days = dayCounter(timezone, read.firsts, change.days, change.firsts);
    for (const { event } of all) {
      if (event.t >= horizon || event.origin === 'backend') continue;
      countDay(days, event, attributionKey(event));
    }
    const attributions = new Map<string, Attribution>();
    const labelsOf = labelCache(site);
    const byAttribution = new Map<Attribution, SiteDelta>();
    /** A browser purchase → its session's attribution, for the order ledger below. */
    const purchaseAttributions = new Map<StoredEvent, Attribution>();

    const carts = new Map<string, CartState>();
    for (const { event, client } of events) {
      const session = sessionOf(event);
      countDay(days, event, session);
      const cartKey = attributionKey(event);
      carts.set(
        cartKey,
        nextCart(carts.get(cartKey) ?? parseCart(read.carts[cartKey]) ?? emptyCart(), event),
      );
      let attribution: Attribution | undefined;
      if (breakdowns) {
        const key = attributionKey(event);
        const stored = read.attributions[key];
        const current =
          attributions.get(key) ?? (stored === undefined ? undefined : parseAttribution(stored));
        attribution = nextAttribution(current, event, client);
        attributions.set(key, attribution);
        change.attributions[key] = [stored ?? false, labelsOf(attribution).json];
      }
      const at = eventKeys(event, g);
      countEvent(d, event, session, edges, at);
      if (attribution && event.t >= edges.recentStart) d.recent[d.recent.length - 1].a = attribution;
      if (!attribution) continue;
      if (event.type === 'purchase') purchaseAttributions.set(event, attribution);
      const labels = labelsOf(attribution);
      // counted once per attribution here, added to its segments below
      let grouped = byAttribution.get(attribution);
      if (!grouped) byAttribution.set(attribution, (grouped = emptySiteDelta(true)));
      countEvent(grouped, event, session, edges, at);
      if (event.type === 'pageview' && at.bucket >= firstCommerceBucket) {
        const fields = bucketFields(d.commerce, at.bucket);
        for (const field of labels.pageviews) add(fields, field, 1);
      }
    }

    const segments = new Set<string>();
    const segmentDelta = (id: string) => {
      segments.add(id);
      return (delta.sites[id] ??= emptySiteDelta(true));
    };
    for (const [attribution, grouped] of byAttribution)
      for (const id of labelsOf(attribution).segments) mergeDelta(segmentDelta(id), grouped);

    // live carts: each session's contribution taken back, and given again as it is now
    const cartWindows = {
      carts: firstBucket(now, CARTS_WINDOW_MS, g),
      checkout: firstBucket(now, CHECKOUT_WINDOW_MS, g),
    };
    const targetsOf = (attribution: Attribution | undefined) => [
      site,
      ...(attribution ? labelsOf(attribution).segments : []),
    ];
    for (const [key, cart] of carts) {
      const stored = read.carts[key];
      change.carts[key] = [stored ?? false, JSON.stringify(cart)];
      const storedAttribution = read.attributions[key];
      const before =
        breakdowns && storedAttribution !== undefined ? parseAttribution(storedAttribution) : undefined;
      const moves: [Contribution, string[], number][] = [
        [contributionOf(parseCart(stored), g), targetsOf(before), -1],
        [contributionOf(cart, g), targetsOf(attributions.get(key)), 1],
      ];
      for (const [contribution, targets, sign] of moves)
        for (const target of targets) {
          const into = target === site ? d : segmentDelta(target);
          for (const group of ['carts', 'checkout'] as const)
            for (const [bucket, fields] of Object.entries(contribution[group])) {
              if (Number(bucket) < cartWindows[group]) continue;
              const counters = (into[group][bucket] ??= {});
              for (const [field, n] of Object.entries(fields)) add(counters, field, sign * n);
            }
        }
    }

    // the order ledger (orders.ts): each order once, whoever reports it, the backend's value, refunds
    const ledger = new Map<string, OrderRecord>();
    const backendAttribution = (event: StoredEvent): Attribution | undefined => {
      if (!breakdowns || (event.sid === undefined && event.vid === '')) return undefined;
      const key = attributionKey(event);
      const stored = read.attributions[key];
      return attributions.get(key) ?? (stored === undefined ? undefined : parseAttribution(stored));
    };
    const applyOrder = (order: string, record: OrderRecord, effect: OrderEffect, backend: boolean) => {
      const { t } = record;
      if (t === 0) return;
      days.add(t, DAY_METRIC.orders, effect.orders);
      for (const [currency, { units, paid }] of Object.entries(effect.revenue)) {
        days.add(t, `r:${currency}`, units);
        days.add(t, `o:${currency}`, paid);
      }
      for (const [field, n] of Object.entries(effect.coverage)) days.add(t, field, n, false);
      for (const [currency, n] of Object.entries(effect.backendOnly)) days.add(t, `rs:${currency}`, n, false);
      const bucket = bucketOf(t, g);
      if (bucket < firstCommerceBucket) return;
      const purchased = bucket >= cartWindows.checkout;
      const addRevenue = (into: SiteDelta, revenue: OrderEffect['revenue']) => {
        for (const [currency, { units, paid }] of Object.entries(revenue)) {
          const fields = bucketFields(into.commerce, bucket);
          add(fields, `r:${currency}`, units);
          add(fields, `o:${currency}`, paid);
          if (purchased) add(bucketFields(into.checkout, bucket), `r:${currency}`, units);
        }
      };
      if (backend && effect.orders > 0) latest(d.orders, order, t);
      addRevenue(d, effect.revenue);
      const fields = bucketFields(d.commerce, bucket);
      for (const [field, n] of Object.entries(effect.coverage)) add(fields, field, n);
      for (const [currency, n] of Object.entries(effect.backendOnly)) add(fields, `rs:${currency}`, n);
      const rows = effect.rows;
      if (!rows) return;
      const labels = labelsOf(rows.attribution);
      labels.segments.forEach((id, i) => {
        add(fields, labels.orders[i], rows.orders);
        for (const [currency, { units }] of Object.entries(rows.revenue))
          add(fields, revenueField(currency, DIMENSIONS[i], rows.attribution[i]), units);
        const segment = segmentDelta(id);
        if (backend && rows.orders > 0) latest(segment.orders, order, t);
        addRevenue(segment, rows.revenue);
      });
    };
    for (const { event } of all) {
      const order = event.order;
      if (order === undefined || !(event.type === 'purchase' || event.type === 'refund')) continue;
      const backend = event.origin === 'backend';
      if (event.type === 'refund' && !backend) continue;
      const before = ledger.get(order) ?? parseOrder(read.orders[order]);
      const attribution = backend ? backendAttribution(event) : purchaseAttributions.get(event);
      const { record, effect } = nextOrder(before, event, attribution);
      ledger.set(order, record);
      applyOrder(order, record, effect, backend);
    }
    for (const [order, record] of ledger)
      change.orders[order] = [read.orders[order] ?? false, JSON.stringify(record)];

    change.segments = [...segments];
  }

  for (const d of Object.values(delta.sites)) {
    for (const [m, vids] of Object.entries(d.minuteVisitors)) d.minuteVisitors[m] = [...new Set(vids)];
    d.recent.sort((a, b) => a.t - b.t);
    d.recent = d.recent.slice(-RECENT_EVENTS);
  }
  return delta;
}

interface Selected {
  /** Dedupe key → the event, each once, in arrival order. */
  keys: Map<string, { site: string; event: StoredEvent }>;
  /** Per site: its time zone and its events with the request they came in. */
  sites: Map<string, { timezone: string; events: { event: StoredEvent; client?: StoredClient }[] }>;
  tooOld: number;
}

/**
 * The events a batch applies: each once, leaving out those already applied (`skip`) and those too old
 * to count anywhere (older than `DAY_HORIZON_MS`).
 */
function selectEvents(batches: StoredBatch[], now: number, skip: ReadonlySet<string>): Selected {
  const selected: Selected = { keys: new Map(), sites: new Map(), tooOld: 0 };
  const oldest = now - DAY_HORIZON_MS;
  for (const { site, events, client, timezone } of batches) {
    for (const event of events) {
      const key = dedupeKey(site, event);
      if (selected.keys.has(key) || skip.has(key)) continue;
      if (event.t < oldest) {
        selected.tooOld++;
        continue;
      }
      selected.keys.set(key, { site, event });
      let entry = selected.sites.get(site);
      if (!entry) selected.sites.set(site, (entry = { timezone: timezone ?? DEFAULT_TIMEZONE, events: [] }));
      entry.events.push({ event, client });
    }
  }
  return selected;
}

/** What an event adds to its day: a page view, its visitor, session and buyer if first of the day. */
function countDay(days: ReturnType<typeof dayCounter>, event: StoredEvent, session: string): void {
  if (event.origin === 'backend') return;
  if (event.type === 'pageview') days.pageview(event.t);
  days.first('dvis', event.vid, event.t);
  days.first('dses', session, event.t);
  if (event.type === 'purchase') days.first('dbuy', event.vid, event.t);
}

/**
 * The first times (windows/days.ts) a batch's delta depends on, per site and `<set>:<date>`: its
 * visitors, buyers and sessions, derived sessions named from the state read before (`state`).
 */
export function firstsOfBatch(
  batches: StoredBatch[],
  now: number,
  settings: DeltaSettings,
  state: Record<string, SiteState>,
): Record<string, Record<string, Set<string>>> {
  const horizon = horizonStart(now, settings);
  const wanted: Record<string, Record<string, Set<string>>> = {};
  for (const [site, { timezone, events: all }] of selectEvents(batches, now, new Set()).sites) {
    const events = all.filter(({ event }) => event.t >= horizon).map((e) => e.event);
    const sessionOf = deriveSessions(
      events,
      state[site] ?? emptySiteState(),
      emptyChange(),
      settings.sessionTimeoutMs,
    );
    const sessions = all.map(({ event }) => ({
      event,
      session: event.t >= horizon ? sessionOf(event) : attributionKey(event),
    }));
    firstsWanted(sessions, timezone, (wanted[site] = {}));
  }
  return wanted;
}

export function parseAttribution(text: string): Attribution | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    if (
      Array.isArray(value) &&
      value.length === DIMENSIONS.length &&
      value.every((v) => typeof v === 'string')
    )
      return value as Attribution;
  } catch {
    // written by an older version or damaged: the session starts a new attribution
  }
  return undefined;
}

/**
 * Sessions of events without a session id: the visitor's, until `timeoutMs` without events, named
 * `<visitor>~<start>`. Each visitor's events are taken in time order, from the state read before.
 */
function deriveSessions(
  events: StoredEvent[],
  read: SiteState,
  change: SiteChange,
  timeoutMs: number,
): (event: StoredEvent) => string {
  const anonymous = new Map<string, StoredEvent[]>();
  for (const event of events) {
    if (event.sid !== undefined) continue;
    let list = anonymous.get(event.vid);
    if (!list) anonymous.set(event.vid, (list = []));
    list.push(event);
  }
  const derived = new Map<StoredEvent, string>();
  for (const [vid, list] of anonymous) {
    const stored = read.derived[vid];
    const match = stored === undefined ? null : /^(-?\d+):(-?\d+)$/.exec(stored);
    let start = match ? Number(match[1]) : undefined;
    let last = match ? Number(match[2]) : 0;
    for (const event of [...list].sort((a, b) => a.t - b.t)) {
      if (start === undefined || event.t - last > timeoutMs) {
        start = event.t;
        last = event.t;
      }
      if (event.t > last) last = event.t;
      derived.set(event, `${vid}~${start}`);
    }
    change.derived[vid] = [stored ?? false, `${start}:${last}`];
  }
  return (event) => event.sid ?? (derived.get(event) as string);
}

function mergeTimes(into: Record<string, number>, from: Record<string, number>) {
  for (const key in from) latest(into, key, from[key]);
}

function mergeBuckets(into: Record<string, BucketFields>, from: Record<string, BucketFields>) {
  for (const bucket in from) {
    const fields = (into[bucket] ??= {});
    const adding = from[bucket];
    for (const field in adding) add(fields, field, adding[field]);
  }
}

/** Adds one attribution's counts to a segment's (segments have no names and no feed). */
function mergeDelta(into: SiteDelta, from: SiteDelta) {
  mergeTimes(into.visitors, from.visitors);
  mergeTimes(into.sessions, from.sessions);
  mergeTimes(into.buyers, from.buyers);
  mergeTimes(into.orders, from.orders);
  mergeBuckets(into.pages, from.pages);
  mergeBuckets(into.commerce, from.commerce);
  mergeBuckets(into.carts, from.carts);
  mergeBuckets(into.checkout, from.checkout);
  for (const m in from.minutePageviews) add(into.minutePageviews, m, from.minutePageviews[m]);
  for (const m in from.minuteVisitors) (into.minuteVisitors[m] ??= []).push(...from.minuteVisitors[m]);
}

/** What an event is counted under, worked out once for the site and each of its segments. */
interface EventKeys {
  bucket: number;
  minute: number;
  minuteText: string;
  pathField: string;
}

const eventKeys = (event: StoredEvent, g: number): EventKeys => {
  const minute = minuteOf(event.t);
  return {
    bucket: bucketOf(event.t, g),
    minute,
    minuteText: String(minute),
    pathField: `#${event.path ?? '(unknown)'}`,
  };
};

/** The names an attribution is counted under (segments, breakdown fields), worked out once per batch. */
interface Labels {
  json: string;
  segments: string[];
  pageviews: string[];
  orders: string[];
}

function labelCache(site: string): (attribution: Attribution) => Labels {
  const cache = new Map<Attribution, Labels>();
  return (attribution) => {
    let labels = cache.get(attribution);
    if (!labels) {
      labels = {
        json: JSON.stringify(attribution),
        segments: segmentsOf(site, attribution),
        pageviews: DIMENSIONS.map((d, i) => breakdownField(BREAKDOWN_FIELD.pageviews, d, attribution[i])),
        orders: DIMENSIONS.map((d, i) => breakdownField(BREAKDOWN_FIELD.orders, d, attribution[i])),
      };
      cache.set(attribution, labels);
    }
    return labels;
  };
}

function countEvent(d: SiteDelta, event: StoredEvent, session: string, edges: Edges, at: EventKeys) {
  const { t } = event;
  const { bucket } = at;
  if (t >= edges.distinctStart) {
    latest(d.visitors, event.vid, t);
    latest(d.sessions, session, t);
  }
  if (at.minute >= edges.seriesStart) {
    const m = at.minuteText;
    (d.minuteVisitors[m] ??= []).push(event.vid);
    if (event.type === 'pageview') add(d.minutePageviews, m, 1);
  }
  if (event.type === 'pageview' && bucket >= edges.firstPagesBucket) {
    const fields = bucketFields(d.pages, bucket);
    add(fields, 'pv', 1);
    add(fields, at.pathField, 1);
  }
  if (t >= edges.commerceStart) countCommerce(d, event, bucket);
  if (t >= edges.recentStart && !d.segment) d.recent.push(recentOf(event));
}

function countCommerce(d: SiteDelta, event: StoredEvent, bucket: number) {
  if (!d.segment) for (const item of event.items ?? []) if (item.name) d.names[item.id] = item.name;
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
    case 'purchase':
      latest(d.buyers, event.vid, event.t);
      latest(d.orders, event.order as string, event.t);
      return;
  }
}

function recentOf(event: StoredEvent): RecentEvent {
  // refunds come from the backend only, which has no place in the live feed (countBatch leaves them out)
  const recent: RecentEvent = { type: event.type as EventType, t: event.t };
  if (event.path !== undefined) recent.path = event.path;
  const item = event.items?.[0];
  if (item) recent.item = item.name ?? item.id;
  if (event.name !== undefined) recent.name = event.name;
  return recent;
}
