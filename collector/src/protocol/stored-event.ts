import type { CartpulseItem, EventType } from './schema.js';

/**
 * What a stream entry's event can be: a client's event type, or `refund`, which only the shop's backend
 * sends (`/ingest/orders`, the webhooks): it takes `value` (in the order's currency; absent: the whole
 * order, a cancellation) off the order `order`'s revenue, once.
 */
export type StoredEventType = EventType | 'refund';

/**
 * An event as the collector writes it into the stream: validated, on the server clock, with a visitor
 * id always present. `sid` is absent when the client sent none; the consumer then derives the session.
 */
export interface StoredEvent {
  id: string;
  type: StoredEventType;
  /** Event time, server clock, epoch ms (see event-time.ts). */
  t: number;
  vid: string;
  sid?: string;
  /** URL path without query string (hash routes kept), for top pages. */
  path?: string;
  title?: string;
  ref?: string;
  name?: string;
  props?: Record<string, string | number | boolean>;
  items?: CartpulseItem[];
  value?: number;
  currency?: string;
  order?: string;
  /**
   * `backend`: an order (`purchase`) or `refund` reported by the shop's backend (`/ingest/orders`,
   * `/webhooks/shopify/<site>`, `/webhooks/woocommerce/<site>`), authoritative for the order's value; it
   * counts no visitor or session (`vid` is the browser's visitor when the backend knew it, else empty).
   * Absent: an event a browser sent.
   */
  origin?: 'backend';
  /** Where a page view came from (collector/src/attribution): on page views only. */
  traffic?: EventTraffic;
}

export interface EventTraffic {
  /** GA4 default channel group. */
  channel: string;
  source: string;
  campaign: string;
  /** The URL carried campaign tags or a click id: such a page view starts a new attribution. */
  tagged?: true;
}

/** What the collector learnt from the request itself (IP and User-Agent, neither of them stored). */
export interface StoredClient {
  /** ISO 3166-1 alpha-2. */
  country?: string;
  device?: string;
  browser?: string;
  os?: string;
}

/** One stream entry: the accepted events of one request, all of one site. */
export interface StoredBatch {
  site: string;
  events: StoredEvent[];
  client?: StoredClient;
  /** The site's IANA time zone when the collector accepted it (its registration): what "today" means. */
  timezone?: string;
}
