/**
 * Alert rules on the wire (docs/protocol.md, "Alerts"): what `POST /api/alerts` takes and answers, and what
 * `GET /api/alerts?site=` lists. The body is validated by the collector's valibot schema
 * (`collector/src/alerts/rules.ts`), proven at compile time to take `AlertRuleInput`; the rule it stores and
 * the states it lists are these types too.
 */

/** What a rule watches for. */
export type AlertKind = 'no_orders' | 'drop' | 'spike' | 'threshold';

/** What drop and spike compare, hour by hour (the hour chart's numbers). */
export type HourlyMetric = 'visitors' | 'orders' | 'revenue';

/** The snapshot's headline numbers a threshold may watch. */
export type HeadlineMetric =
  | 'activeUsers'
  | 'activeSessions'
  | 'pageviews'
  | 'orders'
  | 'revenue'
  | 'conversionRate'
  | 'averageOrderValue';

/** `json`: the signed payload; `slack`: `{"text": …}`, for Slack, Mattermost, Discord's Slack endpoint. */
export type AlertFormat = 'json' | 'slack';

/** What every rule has, as stored and answered. */
export interface AlertRuleCommon {
  /** 16 hex digits: what `DELETE /api/alerts/<id>` names. */
  id: string;
  site: string;
  /** Where the notifications go: an `http://` or `https://` URL, at most 2,048 characters. */
  webhook: string;
  /** @default 'json' */
  format: AlertFormat;
  /** Epoch ms (server clock). */
  createdAt: number;
}

/**
 * No purchase for `minutes` while at least `minAddToCarts` add-to-carts happened in them: checkout may be
 * broken.
 */
export interface NoOrdersRule extends AlertRuleCommon {
  kind: 'no_orders';
  /** 1–1,440. @default 20 */
  minutes: number;
  /** 0–1,000,000. @default 5 */
  minAddToCarts: number;
}

/**
 * The last complete hour of the site's local clock against the same hour last week: a drop fires when it is
 * below `percent` % of it, a spike when it is above.
 */
export interface ComparisonRule<K extends 'drop' | 'spike'> extends AlertRuleCommon {
  kind: K;
  metric: HourlyMetric;
  /**
   * A drop: above 0 and below 100 (`50` fires under half); a spike: above 100, at most 100,000 (`200` fires
   * over twice).
   */
  percent: number;
  /**
   * For revenue only, an ISO 4217 code: the currency both hours are counted in.
   * @default the currency with the most orders paid in the two hours compared
   */
  currency?: string;
}

/** A headline number beyond a limit (exclusive) at every evaluation for `minutes`. */
export interface ThresholdRule extends AlertRuleCommon {
  kind: 'threshold';
  metric: HeadlineMetric;
  /** Fires above this; exactly one of `above` and `below`. `conversionRate` is a fraction, 0–1. */
  above?: number;
  /** Fires below this; exactly one of `above` and `below`. */
  below?: number;
  /** 0–1,440; 0: at the first evaluation beyond. @default 5 */
  minutes: number;
  /**
   * For revenue and averageOrderValue only, an ISO 4217 code.
   * @default the first currency the rule sees on the site, kept from then on
   */
  currency?: string;
}

/**
 * A rule as stored, as `POST /api/alerts` answers it (`201`) and `GET /api/alerts` lists it: the body with
 * every default filled in, its id and creation time.
 */
export type AlertRule = NoOrdersRule | ComparisonRule<'drop'> | ComparisonRule<'spike'> | ThresholdRule;

/** A rule's fields without what the collector assigns, the fields `D` optional: they have defaults. */
type Body<R extends AlertRule, D extends keyof R> = Omit<R, 'id' | 'createdAt' | D> & Partial<Pick<R, D>>;

/** What `POST /api/alerts` takes: one kind of rule. Unknown fields are refused (a typo is not a default). */
export type AlertRuleInput =
  | Body<NoOrdersRule, 'format' | 'minutes' | 'minAddToCarts'>
  | Body<ComparisonRule<'drop'>, 'format'>
  | Body<ComparisonRule<'spike'>, 'format'>
  | Body<ThresholdRule, 'format' | 'minutes'>;

/** The latest attempt to deliver a rule's notification to its webhook. */
export interface LastDelivery {
  /** Which notification: the start (`firing`) or the end (`resolved`) of an episode. */
  state: 'firing' | 'resolved';
  /** When the attempt ended, epoch ms (server clock). */
  at: number;
  ok: boolean;
  /** Attempts made at that notification. */
  attempts: number;
  /** The receiver's HTTP status; null when it never answered. */
  status: number | null;
  /** Why it failed: `HTTP 500`, `timed out after 5 s`, a network error; null when it worked. */
  error: string | null;
}

/** A rule's state, as `GET /api/alerts` shows it. */
export interface AlertStatus {
  /**
   * `failing` when the webhook's latest notification could not be delivered (until one is), else the
   * episode.
   */
  state: 'ok' | 'firing' | 'failing';
  /** Whether an episode is on, whatever became of its notifications (a `failing` rule may be firing). */
  firing: boolean;
  /** When the episode (ok or firing) started, epoch ms; null when the rule never changed. */
  since: number | null;
  /** The latest value the rule compared (per kind, docs/protocol.md); null before the first. */
  value: number | null;
  /** drop and spike: the same hour last week; null without one (and for the other kinds). */
  baseline: number | null;
  /**
   * The latest evaluation in words: what was counted, or why there is no value; `not evaluated yet` before
   * the first.
   */
  detail: string | null;
  /** Latest evaluation, epoch ms; null before the first. */
  evaluatedAt: number | null;
  /** Null before the first attempt. */
  lastDelivery: LastDelivery | null;
  /** Notifications waiting for delivery. */
  pending: number;
}

/** A rule with its state: one entry of `GET /api/alerts`. */
export type AlertEntry = AlertRule & AlertStatus;

/** The answer to `GET /api/alerts?site=<id>` (`site` optional: every site), oldest first. */
export interface AlertList {
  alerts: AlertEntry[];
}
