/**
 * What the shop's backend sends to `POST /ingest/orders` (docs/protocol.md, "Orders from the shop's
 * backend"), with a server key of the site. The collector's valibot schema
 * (`collector/src/orders/schema.ts`) validates exactly this shape, proven at compile time; the limits are
 * those of `/ingest` (`Item`, currency, id lengths).
 */
import type { Item } from './events.js';

/** `paid`: a new order; `refunded`: `value` of it was given back; `cancelled`: the whole order is void. */
export type OrderStatus = 'paid' | 'refunded' | 'cancelled';

/**
 * One order (or a refund or cancellation of one) as the shop's backend knows it.
 * @example const order: OrderInput = { site: 'demo-shop', order: '1042', value: 59.9, currency: 'EUR', items: [{ id: 'mug-1', price: 29.95, qty: 2 }], ts: 1764086399001, vid: 'v-3f9c', sid: 's-77a1' };
 */
export interface OrderInput {
  /** The site id, whose server key authorises the request. */
  site: string;
  /** Order id, up to 128 characters: the id the browser's `purchase` reports, so both count as one order. */
  order: string;
  /**
   * `paid` (and absent): the order's total; `refunded`: the amount given back, above 0; `cancelled`: must be
   * absent (the whole order).
   */
  value?: number;
  /** ISO 4217 code such as `EUR`. */
  currency: string;
  /** Up to 50 products (the `/ingest` item shape). */
  items?: Item[];
  /** Epoch ms when the order was placed (refund: when it was refunded); clamped to the last 24 h. @default the time it arrived */
  ts?: number;
  /** The browser's visitor id, when the backend knows it (the SDK's `vid`): ties the order to the visit. */
  vid?: string;
  /** The browser's session id, likewise. */
  sid?: string;
  /** @default 'paid' */
  status?: OrderStatus;
}
