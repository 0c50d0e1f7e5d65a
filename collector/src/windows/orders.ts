/**
 * The order ledger: one record per order id (`order:<site>:<order>`, kept `ORDER_MEMORY_MS`), so that
 * an order counts once whoever reports it first (a browser's `purchase`, or the shop's backend), the
 * backend's value is the one that counts, a refund or cancellation is taken off once, and the shop owner
 * sees how many orders the browser missed. Pure: `nextOrder` says what a sighting changes; the delta
 * (delta.ts) writes those changes wherever the order counts (windows, segments, days).
 *
 * An order counts at the time of its first sighting, under the attribution of the browser session that
 * bought (when a browser reported it, or the backend named the session).
 */
import type { StoredEvent } from '../protocol/stored-event.js';
import { toRevenueUnits } from './arithmetic.js';
import type { Attribution } from './dimensions.js';

export interface OrderRecord {
  /** Time it counts at: its first sighting; 0 while only refunds were seen. */
  t: number;
  /** Its currency ('' when none was sent). */
  c: string;
  /** Its value in revenue units as reported: the backend's once the backend reported it. */
  g: number;
  /** Units refunded so far (refunds may come before the order). */
  r: number;
  /** Cancelled: nothing of it counts as revenue. */
  x?: 1;
  /** A browser reported it. */
  b?: 1;
  /** The shop's backend reported it. */
  s?: 1;
  /** The attribution its counts are under in breakdowns and segments. */
  a?: Attribution;
}

/** What one sighting changes, at the order's time (`record.t`). */
export interface OrderEffect {
  /** +1 when the order counts for the first time. */
  orders: number;
  /** Per currency: revenue units added (negative: taken off), and orders paid in it (±1). */
  revenue: Record<string, { units: number; paid: number }>;
  /**
   * What changes in the rows of the order's attribution (breakdowns, segments): the same as above while
   * it stays under one, or the whole order (+1, its counted revenue) when it joins one now.
   */
  rows?: {
    attribution: Attribution;
    orders: number;
    revenue: Record<string, { units: number; paid: number }>;
  };
  /** Coverage: orders only the browser saw (`cb`), only the backend (`cs`), both (`cx`), ±1. */
  coverage: { cb: number; cs: number; cx: number };
  /** Revenue units of orders only the backend saw, per currency, added or taken off. */
  backendOnly: Record<string, number>;
}

/** Revenue an order counts for now. */
export const countedUnits = (o: OrderRecord) => (o.x ? 0 : Math.max(0, o.g - o.r));

const isPaid = (o: OrderRecord) => o.g > 0 && o.c !== '';

/** The revenue units a purchase reports: its value, else its items' prices × quantities. */
export function orderRevenueUnits(event: StoredEvent): number {
  if (!event.currency) return 0;
  if (event.value !== undefined) return toRevenueUnits(event.value);
  let sum = 0;
  for (const item of event.items ?? []) sum += toRevenueUnits((item.price ?? 0) * (item.qty ?? 1));
  return sum;
}

const none = (): OrderEffect => ({
  orders: 0,
  revenue: {},
  coverage: { cb: 0, cs: 0, cx: 0 },
  backendOnly: {},
});

const addRevenue = (effect: OrderEffect, currency: string, units: number, paid: number) => {
  if (currency === '' || (units === 0 && paid === 0)) return;
  const entry = (effect.revenue[currency] ??= { units: 0, paid: 0 });
  entry.units += units;
  entry.paid += paid;
};

const coverageOf = (o: OrderRecord): 'cb' | 'cs' | 'cx' => (o.b && o.s ? 'cx' : o.s ? 'cs' : 'cb');

/**
 * The record after `event` (a `purchase` or a backend `refund` of the order) and what it changes.
 * @param before the record as read; undefined: never seen (or forgotten)
 * @param attribution the session's attribution, when breakdowns are on and the event has a session
 */
export function nextOrder(
  before: OrderRecord | undefined,
  event: StoredEvent,
  attribution: Attribution | undefined,
): { record: OrderRecord; effect: OrderEffect } {
  const effect = none();
  const backend = event.origin === 'backend';
  if (event.type === 'refund') {
    const record: OrderRecord = before ? { ...before } : { t: 0, c: event.currency ?? '', g: 0, r: 0 };
    const counting = record.t > 0;
    const was = countedUnits(record);
    if (event.value === undefined) record.x = 1;
    else record.r += toRevenueUnits(event.value);
    if (!counting) return { record, effect };
    const change = countedUnits(record) - was;
    addRevenue(effect, record.c, change, 0);
    if (coverageOf(record) === 'cs' && change !== 0) effect.backendOnly[record.c] = change;
    if (record.a) effect.rows = { attribution: record.a, orders: 0, revenue: effect.revenue };
    return { record, effect };
  }

  const units = orderRevenueUnits(event);
  const currency = event.currency ?? '';
  if (!before || before.t === 0) {
    // first sighting: it counts now, from whoever reported it
    const record: OrderRecord = {
      t: event.t,
      c: currency,
      g: units,
      r: before?.r ?? 0,
      ...(before?.x ? { x: 1 as const } : {}),
      ...(backend ? { s: 1 as const } : { b: 1 as const }),
      ...(attribution ? { a: attribution } : {}),
    };
    effect.orders = 1;
    addRevenue(effect, currency, countedUnits(record), isPaid(record) ? 1 : 0);
    if (attribution) effect.rows = { attribution, orders: 1, revenue: effect.revenue };
    effect.coverage[coverageOf(record)] = 1;
    if (backend && currency !== '' && countedUnits(record) !== 0)
      effect.backendOnly[currency] = countedUnits(record);
    return { record, effect };
  }

  if (backend ? before.s : before.b) return { record: before, effect }; // seen from there already
  const record: OrderRecord = { ...before, ...(backend ? { s: 1 as const } : { b: 1 as const }) };
  effect.coverage[coverageOf(before)] = -1;
  effect.coverage[coverageOf(record)] = 1;
  if (coverageOf(before) === 'cs' && countedUnits(before) !== 0)
    effect.backendOnly[before.c] = -countedUnits(before);
  if (backend) {
    // the backend's value is the one that counts: the browser's is taken back, the backend's given
    addRevenue(effect, before.c, -countedUnits(before), isPaid(before) ? -1 : 0);
    record.c = currency;
    record.g = units;
    addRevenue(effect, record.c, countedUnits(record), isPaid(record) ? 1 : 0);
  }
  if (before.a) effect.rows = { attribution: before.a, orders: 0, revenue: effect.revenue };
  else if (attribution) {
    // the browser's session is known now: the whole order joins its rows
    record.a = attribution;
    const whole = none();
    addRevenue(whole, record.c, countedUnits(record), isPaid(record) ? 1 : 0);
    effect.rows = { attribution, orders: 1, revenue: whole.revenue };
  }
  return { record, effect };
}

export function parseOrder(text: string | undefined): OrderRecord | undefined {
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text) as OrderRecord;
    if (typeof value?.t === 'number' && typeof value.g === 'number' && typeof value.r === 'number')
      return value;
  } catch {
    // damaged: the order counts as new
  }
  return undefined;
}
