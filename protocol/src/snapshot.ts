/**
 * What the collector answers about live traffic: the snapshot of `GET /api/realtime` and of each
 * `snapshot` message of `GET /api/stream` (docs/protocol.md, "Reading live numbers"). The collector builds
 * exactly this type (`collector/src/windows/snapshot.ts`, held to it at compile time), and its OpenAPI
 * schema (`collector/src/openapi/answers.ts`) is held to both.
 */
import type { EventType } from './events.js';

/** A site's live numbers at one moment. Windows move in steps of `windows.granularityMs` (10 s). */
export interface Snapshot {
  site: string;
  /** Server time (epoch ms) the snapshot describes. */
  at: number;
  /** The window lengths in ms: active users, pages, e-commerce; and the step their edges move in. */
  windows: { activeMs: number; pagesMs: number; commerceMs: number; granularityMs: number };
  /** Distinct visitors with an event in the active window (5 minutes). */
  activeUsers: number;
  /** Distinct sessions with an event in the active window. */
  activeSessions: number;
  /** Page views in the pages window (15 minutes). */
  pageviews: number;
  /** The 10 most viewed paths (without query string) in the pages window; ties by path. */
  topPages: { path: string; views: number }[];
  /** The shopping funnel over the e-commerce window (15 minutes). */
  ecommerce: {
    viewItems: number;
    addToCarts: number;
    checkouts: number;
    /** Distinct order ids. */
    orders: number;
    /** Purchase value per ISO 4217 currency code, each order once. */
    revenue: Record<string, number>;
    /** Visitors with a purchase ÷ visitors, 0–1, four decimals; 0 without visitors. */
    conversionRate: number;
    /**
     * Per ISO 4217 currency: its revenue ÷ the orders first seen in the window that paid in it, two
     * decimals.
     */
    averageOrderValue: Record<string, number>;
    /** Live carts, each stage with its sessions and their value per ISO 4217 currency. */
    carts: {
      /** Sessions with items in their cart and an event in the last 30 minutes; the carts' value. */
      active: CartStage;
      /** Sessions that began checkout in the last 10 minutes and have not bought since; their carts' value. */
      checkingOut: CartStage;
      /** Sessions that bought in the last 10 minutes; the revenue of the orders first seen then. */
      purchased: CartStage;
    };
    /** The 10 products with most units added to cart; `name` is the id when none was sent. */
    topProducts: { id: string; name: string; count: number }[];
    /**
     * How many orders browser tracking saw, against the orders the shop's backend reported
     * (`/ingest/orders`, the webhooks): over the e-commerce window and today. Null in a filtered snapshot.
     */
    coverage: { window: Coverage; today: Coverage | null } | null;
  };
  /** Per minute over the last 60 minutes, oldest first; the last entry is the current minute. */
  series: { start: number; stepMs: number; pageviews: number[]; visitors: number[] };
  /** The latest events, newest first, at most 50. */
  recent: RecentEvent[];
  /**
   * Per dimension, the top 10 rows over the e-commerce window, most visitors first (then pageviews, then
   * the value), then one `(other)` row summing the rest. Every list is empty in a filtered snapshot and
   * when the collector runs with breakdowns switched off.
   */
  breakdowns: Record<Dimension, BreakdownRow[]>;
  /** The breakdown row this snapshot is narrowed to (`?filter=<dimension>:<value>`); null: all sessions. */
  filter: Filter | null;
  /** The site's IANA time zone (its registration; `UTC` when none): what "today" means. */
  timezone: string;
  /** Today since local midnight. Null in a filtered snapshot: days are counted for the whole site. */
  today: DayNumbers | null;
  /** Yesterday up to the same time of day (to the minute). Null in a filtered snapshot. */
  yesterday: DayNumbers | null;
  /**
   * The same weekday a week ago up to the same time of day: whole hours, and the current hour's share of
   * its hour pro-rated by the minutes elapsed (rounded; per-minute rollups are kept 48 hours). Null in a
   * filtered snapshot.
   */
  lastWeek: DayNumbers | null;
  /** Per hour of the local day: today (up to the current hour), yesterday and a week ago (whole days). */
  hours: { stepMs: number; today: DayHours; yesterday: DayHours; lastWeek: DayHours } | null;
}

/** A day's headline numbers, exact: counted from `since` (local midnight) up to `until` (exclusive). */
export interface DayNumbers {
  /** Epoch ms of the day's local midnight. */
  since: number;
  /** Epoch ms the numbers are counted up to: now for today, the end of the same minute of the day before. */
  until: number;
  /** Distinct visitors with an event in that time. */
  visitors: number;
  /** Distinct sessions with an event in that time (a session past midnight counts on both days). */
  sessions: number;
  pageviews: number;
  /** Distinct orders first seen in that time. */
  orders: number;
  /** Revenue per ISO 4217 currency, each order once. */
  revenue: Record<string, number>;
  /** Visitors who bought ÷ visitors, 0–1, four decimals; 0 without visitors. */
  conversionRate: number;
  /** Per ISO 4217 currency, its revenue ÷ the orders that paid in it, two decimals. */
  averageOrderValue: Record<string, number>;
}

/**
 * One local day hour by hour, from `since` in steps of an hour: 24 entries, 23 or 25 where the clocks
 * change (today: up to the current hour). Visitors and sessions count in the hour of their first event
 * of the day, so each list sums to the day's distinct number.
 */
export interface DayHours {
  /** The local date, `YYYY-MM-DD`. */
  date: string;
  since: number;
  visitors: number[];
  sessions: number[];
  pageviews: number[];
  orders: number[];
  /** Per ISO 4217 currency, revenue per hour. */
  revenue: Record<string, number[]>;
}

/** Orders by who reported them: a browser (`purchase`), the shop's backend, or both. */
export interface Coverage {
  /** Orders a browser reported (the backend too, or not). */
  browser: number;
  /** Orders the backend reported. */
  backend: number;
  /** Orders both reported. */
  both: number;
  /** `both ÷ backend`, 0–1, four decimals: the share of the backend's orders the browser saw; null without any. */
  browserShare: number | null;
  /** Per ISO 4217 currency, the revenue of the orders only the backend reported. */
  backendOnlyRevenue: Record<string, number>;
}

/** One entry of the live feed. */
export interface RecentEvent {
  type: EventType;
  /** Event time, epoch ms (server clock, corrected for client skew). */
  t: number;
  /** The page's path, where there is one. */
  path?: string;
  /** The product's name (or id), for product events. */
  item?: string;
  /** The custom event's name. */
  name?: string;
}

/**
 * What live traffic is broken down by, and what a filter narrows it to: GA4's default channel group,
 * source, campaign, country (from the IP), device, browser, OS (from the User-Agent), and the landing path.
 */
export type Dimension = 'channel' | 'source' | 'campaign' | 'country' | 'device' | 'browser' | 'os' | 'entry';

/** One value of a dimension, with what its sessions did over the e-commerce window. */
export interface BreakdownRow {
  /**
   * The dimension's value: a GA4 default channel group name (`Organic Search`), an ISO 3166-1 alpha-2
   * country code or `(not set)`, `desktop`/`mobile`/`tablet`, a landing path (`/p/mug`); `(other)` for the
   * row that sums everything below the top 10.
   */
  value: string;
  /** Distinct visitors with an event of this row in the window. */
  visitors: number;
  pageviews: number;
  /** Orders first seen in the window. */
  orders: number;
  /** Purchase value per ISO 4217 currency code, each order once, in the row of its first sighting. */
  revenue: Record<string, number>;
}

/** Only the sessions of one breakdown row: `?filter=channel:Email` on the API. */
export interface Filter {
  dimension: Dimension;
  value: string;
}

/** The answer to `POST /api/stream/ticket`: opens `GET /api/stream?site=…&ticket=…` for one site. */
export interface StreamTicket {
  ticket: string;
  /** Epoch ms (server clock) after which the ticket opens nothing: 60 s from issue. */
  expiresAt: number;
}

/** One stage of the live carts. */
export interface CartStage {
  sessions: number;
  /** Per ISO 4217 currency. */
  value: Record<string, number>;
}
