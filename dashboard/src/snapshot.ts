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
  /**
   * Per dimension, the top 10 rows over the commerce window, most visitors first, possibly followed by one
   * `(other)` row summing the rest. Every list is empty in a filtered snapshot and when the collector runs
   * with breakdowns switched off. Optional because older collectors do not send it: read it through
   * `breakdownRows` (breakdowns.ts), which treats a missing list as empty.
   */
  breakdowns?: Record<Dimension, BreakdownRow[]>;
  /** The filter this snapshot was narrowed to, echoed; null (or absent, from older collectors) when none. */
  filter?: Filter | null;
}

/** What live traffic is broken down by, and what a filter narrows it to. */
export type Dimension = 'channel' | 'source' | 'campaign' | 'country' | 'device' | 'browser' | 'os' | 'entry';

export interface BreakdownRow {
  /**
   * The dimension's value: a GA4 default channel group name (`Organic Search`), an ISO 3166-1 alpha-2
   * country code or `(not set)`, `desktop`/`mobile`/`tablet`, a landing path (`/p/mug`); `(other)` for the
   * row that sums everything below the top 10.
   */
  value: string;
  visitors: number;
  pageviews: number;
  orders: number;
  /** Purchase value per ISO 4217 currency code. */
  revenue: Record<string, number>;
}

/** Only the sessions matching one breakdown row: `?filter=channel:Email` on the API. */
export interface Filter {
  dimension: Dimension;
  value: string;
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
