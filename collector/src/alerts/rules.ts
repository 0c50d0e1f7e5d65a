/**
 * What an alert rule is: the body of `POST /api/alerts` and of `cartpulse alerts add`, validated here once
 * (docs/protocol.md, "Alerts"), and the rule as stored and answered: the body with its defaults filled in,
 * an id and its creation time. Both are `@cartpulse/protocol`'s types (`AlertRuleInput`, `AlertRule`);
 * `RulesAreTheProtocol` at the end proves that the schema takes and makes exactly them.
 */
import type * as protocol from '@cartpulse/protocol';
import type { AlertRule } from '@cartpulse/protocol';
import * as v from 'valibot';
import type { Holds, Same } from '../protocol/same.js';
import { CurrencySchema, SiteIdSchema } from '../protocol/schema.js';
import { MAX_RULE_MINUTES, MAX_WEBHOOK_CHARS } from './constants.js';

/** What drop and spike compare, hour by hour (`HourlyHistory`). */
export const HOURLY_METRICS = ['visitors', 'orders', 'revenue'] as const;
/** The snapshot's headline numbers a threshold may watch. */
export const HEADLINE_METRICS = [
  'activeUsers',
  'activeSessions',
  'pageviews',
  'orders',
  'revenue',
  'conversionRate',
  'averageOrderValue',
] as const;
/** Headline numbers that are amounts of one currency. */
export const CURRENCY_METRICS: readonly HeadlineMetric[] = ['revenue', 'averageOrderValue'];
export const ALERT_FORMATS = ['json', 'slack'] as const;
export const ALERT_KINDS = ['no_orders', 'drop', 'spike', 'threshold'] as const;

export type HourlyMetric = (typeof HOURLY_METRICS)[number];
export type HeadlineMetric = (typeof HEADLINE_METRICS)[number];

/** An unknown field is refused, not ignored: a typo (`minute`) must not silently become a default. */
const strict = (issue: v.BaseIssue<unknown>) =>
  issue.expected === 'never' ? 'unknown field' : 'a rule must be a JSON object';

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

export const WebhookSchema = v.pipe(
  v.string('must be a string'),
  v.maxLength(MAX_WEBHOOK_CHARS, `at most ${MAX_WEBHOOK_CHARS} characters`),
  v.check(isHttpUrl, 'must be an http:// or https:// URL'),
);

const wholeMinutes = (min: number) =>
  v.pipe(
    v.number('must be a number'),
    v.integer('must be a whole number'),
    v.minValue(min, `must be from ${min} to ${MAX_RULE_MINUTES}`),
    v.maxValue(MAX_RULE_MINUTES, `must be from ${min} to ${MAX_RULE_MINUTES}`),
  );

const finite = v.pipe(v.number('must be a number'), v.finite('must be a finite number'));

/** What every rule has: the site, where to send, and how. */
const common = {
  site: SiteIdSchema,
  webhook: WebhookSchema,
  /** `json`: the signed payload; `slack`: `{"text": …}` for Slack, Mattermost, Discord's Slack endpoint. */
  format: v.optional(v.picklist(ALERT_FORMATS, 'must be "json" or "slack"'), 'json'),
};

export const NoOrdersRuleSchema = v.strictObject(
  {
    kind: v.literal('no_orders'),
    ...common,
    /** No purchase for this long… @default 20 */
    minutes: v.optional(wholeMinutes(1), 20),
    /** …while at least this many add-to-carts happened in that time. @default 5 */
    minAddToCarts: v.optional(
      v.pipe(
        v.number('must be a number'),
        v.integer('must be a whole number'),
        v.minValue(0, 'must not be negative'),
        v.maxValue(1_000_000, 'at most 1000000'),
      ),
      5,
    ),
  },
  strict,
);

const percent = (kind: 'drop' | 'spike') =>
  kind === 'drop'
    ? v.pipe(
        finite,
        v.gtValue(0, 'a drop must be above 0 and below 100 (50: under half of last week)'),
        v.ltValue(100, 'a drop must be above 0 and below 100 (50: under half of last week)'),
      )
    : v.pipe(
        finite,
        v.gtValue(100, 'a spike must be above 100 (200: over twice last week)'),
        v.maxValue(100_000, 'at most 100000'),
      );

const comparison = <K extends 'drop' | 'spike'>(kind: K) =>
  v.pipe(
    v.strictObject(
      {
        kind: v.literal(kind),
        ...common,
        metric: v.picklist(HOURLY_METRICS, `must be one of ${HOURLY_METRICS.join(', ')}`),
        percent: percent(kind),
        /**
         * For revenue: the currency both hours are counted in.
         * @default the currency with the most orders paid in the two hours compared
         */
        currency: v.optional(CurrencySchema),
      },
      strict,
    ),
    v.check(
      (rule) => rule.currency === undefined || rule.metric === 'revenue',
      'currency applies to the revenue metric only',
    ),
  );
export const DropRuleSchema = comparison('drop');
export const SpikeRuleSchema = comparison('spike');

export const ThresholdRuleSchema = v.pipe(
  v.strictObject(
    {
      kind: v.literal('threshold'),
      ...common,
      metric: v.picklist(HEADLINE_METRICS, `must be one of ${HEADLINE_METRICS.join(', ')}`),
      /** Fires when the number is above this (exclusive)… */
      above: v.optional(finite),
      /** …or below this (exclusive); exactly one of the two. */
      below: v.optional(finite),
      /** …at every evaluation for this long; 0: at the first. @default 5 */
      minutes: v.optional(wholeMinutes(0), 5),
      /** For revenue and averageOrderValue. @default the first currency the rule sees on the site */
      currency: v.optional(CurrencySchema),
    },
    strict,
  ),
  v.check(
    (rule) => (rule.above === undefined) !== (rule.below === undefined),
    'a threshold needs exactly one of "above" and "below"',
  ),
  v.check(
    (rule) => rule.currency === undefined || CURRENCY_METRICS.includes(rule.metric),
    'currency applies to the revenue and averageOrderValue metrics only',
  ),
  v.check(
    (rule) =>
      rule.metric !== 'conversionRate' || [rule.above, rule.below].every((x) => x === undefined || x <= 1),
    'conversionRate is a fraction from 0 to 1 (0.02 is 2 %)',
  ),
);

/** The body of `POST /api/alerts`. */
export const AlertRuleInputSchema = v.variant(
  'kind',
  [NoOrdersRuleSchema, DropRuleSchema, SpikeRuleSchema, ThresholdRuleSchema],
  `must be one of ${ALERT_KINDS.join(', ')}`,
);

export type AlertRuleInput = v.InferOutput<typeof AlertRuleInputSchema>;
export type AlertKind = AlertRuleInput['kind'];

/** A rule as stored and answered, the validated body with an id and creation time: the protocol's. */
export type { AlertRule };
export type NoOrdersRule = Extract<AlertRule, { kind: 'no_orders' }>;
export type ComparisonRule = Extract<AlertRule, { kind: 'drop' | 'spike' }>;
export type ThresholdRule = Extract<AlertRule, { kind: 'threshold' }>;

export const ALERT_ID = /^[0-9a-f]{16}$/;

/**
 * Fails the typecheck when the schema and the protocol part ways: what a client typed with
 * `@cartpulse/protocol` sends is what the schema takes, and the body it lets through, with the id and
 * creation time the store gives it, is the protocol's `AlertRule`.
 */
export type RulesAreTheProtocol = [
  Holds<Same<(typeof ALERT_KINDS)[number], protocol.AlertKind>>,
  Holds<Same<(typeof ALERT_FORMATS)[number], protocol.AlertFormat>>,
  Holds<Same<HourlyMetric, protocol.HourlyMetric>>,
  Holds<Same<HeadlineMetric, protocol.HeadlineMetric>>,
  Holds<Same<v.InferInput<typeof AlertRuleInputSchema>, protocol.AlertRuleInput>>,
  Holds<Same<AlertRuleInput & { id: string; createdAt: number }, AlertRule>>,
];
