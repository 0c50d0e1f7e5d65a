/**
 * The wire protocol as the SDK speaks it (docs/protocol.md). Written by hand so the SDK has no runtime
 * dependency, and checked against the collector's valibot schema by `protocol.test.ts`.
 */

/**
 * What happened: a page view, a custom event, or a step of the shopping funnel.
 * @example const type: EventType = 'add_to_cart';
 */
export type EventType =
  | 'pageview'
  | 'event'
  | 'view_item'
  | 'add_to_cart'
  | 'remove_from_cart'
  | 'begin_checkout'
  | 'purchase';

/**
 * Custom properties: at most 32 keys; strings up to 512 characters, numbers or booleans.
 * @example const props: Props = { plan: 'weekly', seats: 3, trial: true };
 */
export type Props = Record<string, string | number | boolean>;

/**
 * One product line as the protocol carries it (the helpers take GA4's shape and map it to this).
 * @example const item: Item = { id: 'mug-1', name: 'Mug', price: 12.5, qty: 2, category: 'Kitchen' };
 */
export interface Item {
  id: string;
  name?: string;
  price?: number;
  qty?: number;
  category?: string;
}

/**
 * One event on the wire, as `beforeSend` sees it.
 * @example const event: CartpulseEvent = { type: 'pageview', id: 'k3j9x1-1', ts: 1764086399001, url: 'https://shop.example/p/mug' };
 */
export interface CartpulseEvent {
  type: EventType;
  /** Unique per event; a retry reuses it, so the collector counts it once. */
  id?: string;
  /** Client clock, epoch ms, when it happened. */
  ts?: number;
  /** Visitor id, only with `storage: 'local'`. */
  vid?: string;
  /** Session id, only with `storage: 'local'`. */
  sid?: string;
  url?: string;
  ref?: string;
  title?: string;
  name?: string;
  props?: Props;
  items?: Item[];
  value?: number;
  currency?: string;
  order?: string;
}

/**
 * The body of one `POST /ingest`.
 * @example const batch: Batch = { site: 'demo-shop', sent: Date.now(), events: [{ type: 'event', name: 'Signup' }] };
 */
export interface Batch {
  site: string;
  /** Client clock, epoch ms, when this attempt was sent (stamped again on every retry). */
  sent?: number;
  events: CartpulseEvent[];
}
