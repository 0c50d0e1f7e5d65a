/**
 * The wire protocol as the SDK speaks it (docs/protocol.md). Written by hand so the SDK has no runtime
 * dependency, and checked against the collector's valibot schema by `protocol.test.ts`.
 */

/** What happened: a page view, a custom event, or a step of the shopping funnel. */
export type EventType =
  | 'pageview'
  | 'event'
  | 'view_item'
  | 'add_to_cart'
  | 'remove_from_cart'
  | 'begin_checkout'
  | 'purchase';

/** Custom properties: at most 32 keys; strings up to 512 characters, numbers or booleans. */
export type Props = Record<string, string | number | boolean>;

/** One product line as the protocol carries it. */
export interface Item {
  id: string;
  name?: string;
  price?: number;
  qty?: number;
  category?: string;
}

/** One event on the wire. */
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

/** The body of one `POST /ingest`. */
export interface Batch {
  site: string;
  /** Client clock, epoch ms, when this attempt was sent (stamped again on every retry). */
  sent?: number;
  events: CartpulseEvent[];
}
