/**
 * What a storefront sends to `POST /ingest` (docs/protocol.md, "Sending events"). The collector's valibot
 * schema (`collector/src/protocol/schema.ts`) validates exactly these shapes, proven at compile time; the
 * limits and the rules between fields (an `event` needs a `name`…) live there, since a type cannot say
 * them. Self-contained on purpose: the SDK's published declarations inline this file.
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
 * Custom properties: at most 32 keys of up to 64 characters; strings up to 512 characters, finite numbers
 * or booleans.
 * @example const props: Props = { plan: 'weekly', seats: 3, trial: true };
 */
export type Props = Record<string, string | number | boolean>;

/**
 * One product line, shaped like a GA4 item (the SDK's helpers take GA4's own shape and map it to this).
 * @example const item: Item = { id: 'mug-1', name: 'Mug', price: 12.5, qty: 2, category: 'Kitchen' };
 */
export interface Item {
  /** Product id, 1–128 characters; products are ranked by it. */
  id: string;
  /** Product name, up to 512 characters; what the dashboard shows for the id. */
  name?: string;
  /** Unit price, ≥ 0, in the event's `currency`. */
  price?: number;
  /** Units, a whole number from 1 to 100,000. */
  qty?: number;
  category?: string;
}

/**
 * One event on the wire, as the SDK's `beforeSend` sees it. Unknown fields are ignored by the collector.
 * @example const event: CartpulseEvent = { type: 'pageview', id: 'k3j9x1-1', ts: 1764086399001, url: 'https://shop.example/p/mug' };
 */
export interface CartpulseEvent {
  type: EventType;
  /**
   * Unique per event, up to 64 characters; a retry reuses it, so the collector counts it once. Assigned by
   * the collector when absent.
   */
  id?: string;
  /** Client clock, epoch ms, when it happened (corrected for skew with the batch's `sent`). */
  ts?: number;
  /**
   * Visitor id; when absent the collector derives a daily-rotating anonymous one (the SDK sends it only with
   * `storage: 'local'`).
   */
  vid?: string;
  /** Session id; when absent the collector derives one (30 minutes without events end a session). */
  sid?: string;
  /**
   * Page URL with its query, up to 2,048 characters: top pages use its path, breakdowns its `utm_*` tags and
   * click ids.
   */
  url?: string;
  /** `document.referrer`, on the first page view of a page load: the breakdowns' source. */
  ref?: string;
  /** Page title, up to 512 characters. */
  title?: string;
  /** Custom event name, up to 128 characters; required for type `event`. */
  name?: string;
  props?: Props;
  /** Up to 50 products; at least one for `view_item`, `add_to_cart` and `remove_from_cart`. */
  items?: Item[];
  /** Monetary value, ≥ 0; needs `currency`. */
  value?: number;
  /** ISO 4217 code such as `EUR`: the currency of `value` and of the item prices. */
  currency?: string;
  /** Order id, up to 128 characters; required for `purchase`, whose orders are counted by distinct id. */
  order?: string;
}

/**
 * The body of one `POST /ingest`, at most 64 KiB.
 * @example const batch: Batch = { site: 'demo-shop', sent: Date.now(), events: [{ type: 'event', name: 'Signup' }] };
 */
export interface Batch {
  /** The site id: 1–64 letters, digits, `.`, `_`, `:` or `-`, starting with a letter or digit. */
  site: string;
  /**
   * Client clock, epoch ms, when this attempt was sent (stamped again on every retry): corrects the client's
   * clock skew.
   */
  sent?: number;
  /** Up to 500 events; each is checked on its own, and an invalid one does not fail the others. */
  events: CartpulseEvent[];
}

/** The `202` answer to `POST /ingest`: events stored, and events refused (kept in the dead-letter stream). */
export interface IngestResult {
  accepted: number;
  rejected: number;
}
