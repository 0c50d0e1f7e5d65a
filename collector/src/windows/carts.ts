/**
 * Live carts, per session: what is in the cart (from `add_to_cart` and `remove_from_cart` items, their
 * quantities and prices; a purchase empties it), when the session was last seen, began checkout and
 * bought. A session counts in the windows by its *contribution*: an active cart in the bucket of its
 * latest event, checking out in the bucket of its latest `begin_checkout` (unless it bought since),
 * purchased in the bucket of its latest purchase. When a session's state changes, its old contribution
 * is taken back and the new one added, so a window's sum counts each session once. Pure.
 */
import type { StoredEvent } from '../protocol/stored-event.js';
import { bucketOf, toRevenueUnits } from './arithmetic.js';

export interface CartState {
  /** Product id → [quantity, price in revenue units]. */
  items: Record<string, [number, number]>;
  /** The currency of the latest item added ('' for none). */
  currency: string;
  /** Latest event time; 0 for none. */
  last: number;
  /** Latest `begin_checkout` time; 0 for none. */
  checkout: number;
  /** Latest purchase time; 0 for none. */
  purchase: number;
}

export const emptyCart = (): CartState => ({ items: {}, currency: '', last: 0, checkout: 0, purchase: 0 });

export function parseCart(text: string | undefined): CartState | undefined {
  if (text === undefined) return undefined;
  try {
    const state = JSON.parse(text) as CartState;
    if (typeof state === 'object' && state !== null && typeof state.items === 'object') return state;
  } catch {
    // damaged or from an older version: the session starts with an empty cart
  }
  return undefined;
}

/** The cart after one more event of its session. */
export function nextCart(state: CartState, event: StoredEvent): CartState {
  const next: CartState = { ...state, items: { ...state.items }, last: Math.max(state.last, event.t) };
  switch (event.type) {
    case 'add_to_cart':
      for (const item of event.items ?? []) {
        const [qty] = next.items[item.id] ?? [0, 0];
        next.items[item.id] = [qty + (item.qty ?? 1), toRevenueUnits(item.price ?? 0)];
      }
      if (event.currency) next.currency = event.currency;
      break;
    case 'remove_from_cart':
      for (const item of event.items ?? []) {
        const known = next.items[item.id];
        if (!known) continue;
        const qty = known[0] - (item.qty ?? 1);
        if (qty > 0) next.items[item.id] = [qty, known[1]];
        else delete next.items[item.id];
      }
      break;
    case 'begin_checkout':
      next.checkout = Math.max(next.checkout, event.t);
      break;
    case 'purchase':
      next.purchase = Math.max(next.purchase, event.t);
      next.items = {};
      break;
  }
  return next;
}

/** The cart's value in revenue units. */
export function cartValue(state: CartState): number {
  let units = 0;
  for (const [qty, price] of Object.values(state.items)) units += qty * price;
  return units;
}

/** Bucket → field → n, per group: what a session adds to (or, negated, takes back from) the windows. */
export interface Contribution {
  carts: Record<string, Record<string, number>>;
  checkout: Record<string, Record<string, number>>;
}

const put = (group: Record<string, Record<string, number>>, bucket: number, field: string, n: number) => {
  const fields = (group[String(bucket)] ??= {});
  fields[field] = (fields[field] ?? 0) + n;
};

/** What a session in `state` counts in the live-cart windows (nothing for no state). */
export function contributionOf(state: CartState | undefined, granularityMs: number): Contribution {
  const contribution: Contribution = { carts: {}, checkout: {} };
  if (!state) return contribution;
  const value = cartValue(state);
  const currency = state.currency;
  if (value > 0 && state.last > 0) {
    const bucket = bucketOf(state.last, granularityMs);
    put(contribution.carts, bucket, 'n', 1);
    if (currency) put(contribution.carts, bucket, `v:${currency}`, value);
  }
  if (state.checkout > 0 && state.purchase < state.checkout) {
    const bucket = bucketOf(state.checkout, granularityMs);
    put(contribution.checkout, bucket, 'co', 1);
    if (currency && value > 0) put(contribution.checkout, bucket, `cv:${currency}`, value);
  }
  if (state.purchase > 0) put(contribution.checkout, bucketOf(state.purchase, granularityMs), 'p', 1);
  return contribution;
}
