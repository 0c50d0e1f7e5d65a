/**
 * Brute-force recount of a site's snapshot from the full list of delivered events: the reference the
 * windows are checked against. Slow and obvious on purpose; it shares only the window arithmetic.
 */
import type { StoredClient, StoredEvent } from '../protocol/stored-event.js';
import {
  bucketOf,
  firstBucket,
  firstMinute,
  horizonStart,
  minuteOf,
  REVENUE_UNITS,
  toRevenueUnits,
  type WindowSettings,
  windowStart,
} from '../windows/arithmetic.js';
import { nextAttribution } from '../windows/attribution.js';
import { type CartState, cartValue, emptyCart, nextCart } from '../windows/carts.js';
import type { BreakdownRow } from '../windows/breakdowns.js';
import { attributionKey, orderRevenueUnits } from '../windows/delta.js';
import { type Attribution, DIMENSIONS, type Dimension, type Filter } from '../windows/dimensions.js';
import { averageOrderValue, conversionRate, type Snapshot } from '../windows/snapshot.js';

/** One delivery as the oracle sees it; events without `sid` count as one session per visitor per window. */
export interface Delivered {
  site: string;
  event: StoredEvent;
  /** What the collector learnt from the request (country, device…). */
  client?: StoredClient;
  /** Server time it was delivered at; events older than everything shown then were left out. */
  at?: number;
}

/** The live windows of a snapshot; its days are held against `recountDays` (testing/oracle-days.ts). */
export type Recount = Omit<
  Snapshot,
  'recent' | 'windows' | 'series' | 'timezone' | 'today' | 'yesterday' | 'lastWeek' | 'hours'
> & {
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
  filter?: Filter,
): Recount {
  const attributed = attribute(delivered, site, settings);
  // revenue once per order, at its first sighting, in the row of that sighting
  const firstOrderEvent = new Map<string, { event: StoredEvent; attribution: Attribution }>();
  for (const a of attributed)
    if (a.event.type === 'purchase' && !firstOrderEvent.has(a.event.order as string))
      firstOrderEvent.set(a.event.order as string, a);
  const matches = (attribution: Attribution) =>
    !filter || attribution[DIMENSIONS.indexOf(filter.dimension)] === filter.value;
  const events = attributed.filter((a) => a.event.t <= at && matches(a.attribution)).map((a) => a.event);
  const firsts = [...firstOrderEvent.values()]
    .filter((a) => a.event.t <= at && matches(a.attribution))
    .map((a) => a.event);
  const counted = count(events, firsts, site, at, settings, names);
  counted.ecommerce.carts = recountCarts(attributed, firsts, at, settings, matches);
  if (filter) counted.ecommerce.coverage = null;
  return {
    ...counted,
    breakdowns: filter
      ? emptyRows()
      : recountBreakdowns(attributed, [...firstOrderEvent.values()], at, settings),
    filter: filter ?? null,
  };
}

interface Attributed {
  event: StoredEvent;
  attribution: Attribution;
}

/** The events the consumer applies, in order, each with its session's attribution as it arrived. */
function attribute(delivered: Delivered[], site: string, settings: WindowSettings): Attributed[] {
  const seen = new Set<string>();
  const sessions = new Map<string, Attribution>();
  const out: Attributed[] = [];
  for (const d of delivered) {
    if (d.site !== site || seen.has(d.event.id)) continue;
    if (d.at !== undefined && d.event.t < horizonStart(d.at, settings)) continue;
    seen.add(d.event.id);
    const key = attributionKey(d.event);
    const attribution = nextAttribution(sessions.get(key), d.event, d.client);
    sessions.set(key, attribution);
    out.push({ event: d.event, attribution });
  }
  return out;
}

/** Live carts by brute force: each session's cart replayed, counted by its latest attribution. */
function recountCarts(
  attributed: Attributed[],
  firstOrders: StoredEvent[],
  at: number,
  settings: WindowSettings,
  matches: (attribution: Attribution) => boolean,
): Snapshot['ecommerce']['carts'] {
  const g = settings.granularityMs;
  const sessions = new Map<string, { cart: CartState; attribution: Attribution }>();
  for (const { event, attribution } of attributed) {
    if (event.t > at) continue;
    const key = attributionKey(event);
    const cart = nextCart(sessions.get(key)?.cart ?? emptyCart(), event);
    sessions.set(key, { cart, attribution });
  }
  const since = (minutes: number) => firstBucket(at, minutes * 60_000, g);
  const stage = () => ({ sessions: 0, units: new Map<string, number>() });
  const active = stage();
  const checkingOut = stage();
  const purchased = stage();
  for (const { cart, attribution } of sessions.values()) {
    if (!matches(attribution)) continue;
    const value = cartValue(cart);
    if (value > 0 && bucketOf(cart.last, g) >= since(30)) {
      active.sessions++;
      if (cart.currency) bump(active.units, cart.currency, value);
    }
    if (cart.checkout > 0 && cart.purchase < cart.checkout && bucketOf(cart.checkout, g) >= since(10)) {
      checkingOut.sessions++;
      if (cart.currency && value > 0) bump(checkingOut.units, cart.currency, value);
    }
    if (cart.purchase > 0 && bucketOf(cart.purchase, g) >= since(10)) purchased.sessions++;
  }
  for (const e of firstOrders) {
    const units = orderRevenueUnits(e);
    if (units > 0 && e.currency && bucketOf(e.t, g) >= since(10)) bump(purchased.units, e.currency, units);
  }
  const out = (s: ReturnType<typeof stage>) => ({
    sessions: s.sessions,
    value: Object.fromEntries([...s.units].map(([c, n]) => [c, n / REVENUE_UNITS])),
  });
  return { active: out(active), checkingOut: out(checkingOut), purchased: out(purchased) };
}

const emptyRows = () =>
  Object.fromEntries(DIMENSIONS.map((d) => [d, []])) as unknown as Record<Dimension, BreakdownRow[]>;

/** Per dimension and value, by brute force: visitors, pageviews, orders and revenue in the window. */
function recountBreakdowns(
  attributed: Attributed[],
  firstOrders: Attributed[],
  at: number,
  settings: WindowSettings,
): Record<Dimension, BreakdownRow[]> {
  const start = windowStart(at, settings.windows.commerceMs, settings.granularityMs);
  const inWindow = (e: StoredEvent) => e.t >= start && e.t <= at;
  const result = emptyRows();
  DIMENSIONS.forEach((dimension, i) => {
    const rows = new Map<
      string,
      { visitors: Set<string>; pageviews: number; orders: number; units: Map<string, number> }
    >();
    const rowOf = (value: string) => {
      let row = rows.get(value);
      if (!row) rows.set(value, (row = { visitors: new Set(), pageviews: 0, orders: 0, units: new Map() }));
      return row;
    };
    for (const { event, attribution } of attributed) {
      if (!inWindow(event)) continue;
      const row = rowOf(attribution[i]);
      row.visitors.add(event.vid);
      if (event.type === 'pageview') row.pageviews++;
    }
    for (const { event, attribution } of firstOrders) {
      if (!inWindow(event)) continue;
      const row = rowOf(attribution[i]);
      row.orders++;
      const units = orderRevenueUnits(event);
      if (units > 0 && event.currency) bump(row.units, event.currency, units);
    }
    const all = [...rows]
      .map(([value, r]) => ({
        value,
        visitors: r.visitors.size,
        pageviews: r.pageviews,
        orders: r.orders,
        units: r.units,
      }))
      .sort((a, b) => b.visitors - a.visitors || b.pageviews - a.pageviews || (a.value < b.value ? -1 : 1));
    const shown = all.slice(0, 10);
    if (all.length > 10) {
      const rest = all.slice(10);
      const units = new Map<string, number>();
      for (const r of rest) for (const [c, n] of r.units) bump(units, c, n);
      shown.push({
        value: '(other)',
        visitors: rest.reduce((n, r) => n + r.visitors, 0),
        pageviews: rest.reduce((n, r) => n + r.pageviews, 0),
        orders: rest.reduce((n, r) => n + r.orders, 0),
        units,
      });
    }
    result[dimension] = shown.map(({ units, ...r }) => ({
      ...r,
      revenue: Object.fromEntries([...units].map(([c, n]) => [c, n / REVENUE_UNITS])),
    }));
  });
  return result;
}

function count(
  events: StoredEvent[],
  firstOrderEvents: StoredEvent[],
  site: string,
  at: number,
  settings: WindowSettings,
  names: Record<string, string>,
): Omit<Recount, 'breakdowns' | 'filter'> {
  const g = settings.granularityMs;
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
  let pageviews = 0;
  let viewItems = 0;
  let addToCarts = 0;
  let checkouts = 0;

  for (const e of events) {
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
  const paidOrders = new Map<string, number>();
  for (const e of firstOrderEvents) {
    const units = orderRevenueUnits(e);
    if (e.t >= commerceStart && units > 0 && e.currency) {
      bump(revenueUnits, e.currency, units);
      bump(paidOrders, e.currency);
    }
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
      carts: {
        active: { sessions: 0, value: {} },
        checkingOut: { sessions: 0, value: {} },
        purchased: { sessions: 0, value: {} },
      },
      averageOrderValue: Object.fromEntries(
        [...paidOrders].map(([currency, n]) => [
          currency,
          averageOrderValue(revenueUnits.get(currency) ?? 0, n),
        ]),
      ),
      topProducts: top(products, (id, count) => ({ id, name: names[id] ?? id, count })),
      // browsers report every order of these logs; today's is held to the day recount (oracle-days.ts)
      coverage: {
        window: {
          browser: firstOrderEvents.filter((e) => e.t >= commerceStart).length,
          backend: 0,
          both: 0,
          browserShare: null,
          backendOnlyRevenue: {},
        },
        today: null,
      },
    },
    series,
  };
}

/** The part of a snapshot the recount covers (today's coverage is the day recount's). */
export function comparable(snapshot: Snapshot): Recount {
  const coverage = snapshot.ecommerce.coverage;
  if (coverage)
    snapshot = { ...snapshot, ecommerce: { ...snapshot.ecommerce, coverage: { ...coverage, today: null } } };
  const {
    recent: _recent,
    windows: _windows,
    series,
    timezone: _timezone,
    today: _today,
    yesterday: _yesterday,
    lastWeek: _lastWeek,
    hours: _hours,
    ...rest
  } = snapshot;
  return { ...rest, series: { pageviews: series.pageviews, visitors: series.visitors } };
}

export { toRevenueUnits };
