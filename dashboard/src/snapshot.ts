/**
 * The realtime snapshot as the collector sends it (`GET /api/realtime`, and each `snapshot` message of
 * `GET /api/stream`). Field names are the public contract documented in docs/protocol.md.
 */

export type EventType =
  | 'pageview'
  | 'event'
  | 'view_item'
  | 'add_to_cart'
  | 'remove_from_cart'
  | 'begin_checkout'
  | 'purchase';

export interface Snapshot {
  site: string;
  /** Server time (epoch ms) the snapshot describes. */
  at: number;
  windows: { activeMs: number; pagesMs: number; commerceMs: number; granularityMs: number };
  activeUsers: number;
  activeSessions: number;
  pageviews: number;
  topPages: { path: string; views: number }[];
  ecommerce: {
    viewItems: number;
    addToCarts: number;
    checkouts: number;
    orders: number;
    /** Purchase value per ISO 4217 currency code. */
    revenue: Record<string, number>;
    /** Buyers ÷ visitors, 0–1, four decimals. */
    conversionRate: number;
    topProducts: { id: string; name?: string; count: number }[];
  };
  /** Per minute, oldest first; the last entry is the current minute. */
  series: { start: number; stepMs: number; pageviews: number[]; visitors: number[] };
  /** Newest first, at most 50. */
  recent: RecentEvent[];
}

export interface RecentEvent {
  type: EventType | string;
  t: number;
  path?: string;
  item?: string;
  name?: string;
}

/** The headline numbers, by the snapshot field name that `data-metric` carries. */
export type MetricName =
  | 'activeUsers'
  | 'activeSessions'
  | 'pageviews'
  | 'orders'
  | 'revenue'
  | 'conversionRate';
