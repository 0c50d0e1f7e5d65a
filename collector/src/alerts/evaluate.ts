/**
 * The pure core of alerting: one evaluation of one rule, `(rule, observation, state, now) → (state,
 * notifications)`, with the clock given. Nothing here reads Redis or sends anything (alerts/runner.ts does).
 *
 * Every kind first reads the observation into "the condition holds" (fire, unless firing already or
 * cooling down) and "the episode is over" (resolve, when firing); the episode logic is shared:
 * one `firing` when an episode starts, one `resolved` when it ends, and no new episode before the
 * cooldown after a resolution has passed.
 */
import {
  type AlertRule,
  CURRENCY_METRICS,
  type ComparisonRule,
  type HeadlineMetric,
  type HourlyMetric,
  type NoOrdersRule,
  type ThresholdRule,
} from './rules.js';
import type { NoOrdersWatch, Notification, RuleState, ThresholdWatch, Watch } from './state.js';

const MINUTE = 60_000;

/** The snapshot's numbers the live kinds (no_orders, threshold) read. */
export interface LiveNumbers {
  activeUsers: number;
  activeSessions: number;
  pageviews: number;
  /** Distinct orders in the e-commerce window. */
  orders: number;
  /** Add-to-carts in the e-commerce window. */
  addToCarts: number;
  revenue: Record<string, number>;
  averageOrderValue: Record<string, number>;
  conversionRate: number;
  /** Length of the e-commerce window, ms (15 minutes unless configured otherwise). */
  commerceMs: number;
}

/** What the live kinds need of a snapshot (`ctx.snapshot`, docs/protocol.md). */
export interface SnapshotNumbers {
  activeUsers: number;
  activeSessions: number;
  pageviews: number;
  windows: { commerceMs: number };
  ecommerce: {
    orders: number;
    addToCarts: number;
    revenue: Record<string, number>;
    averageOrderValue: Record<string, number>;
    conversionRate: number;
  };
}

export const liveNumbers = ({ windows, ecommerce, ...headline }: SnapshotNumbers): LiveNumbers => ({
  activeUsers: headline.activeUsers,
  activeSessions: headline.activeSessions,
  pageviews: headline.pageviews,
  orders: ecommerce.orders,
  addToCarts: ecommerce.addToCarts,
  revenue: ecommerce.revenue,
  averageOrderValue: ecommerce.averageOrderValue,
  conversionRate: ecommerce.conversionRate,
  commerceMs: windows.commerceMs,
});

/** drop and spike: the last complete local hour and the same hour a week earlier (alerts/history.ts). */
export interface HourNumbers {
  metric: HourlyMetric;
  /** Start of the last complete local hour, epoch ms. */
  hourStart: number;
  /** Its local date, `YYYY-MM-DD`, and the local time it starts at, `14:00`. */
  date: string;
  localTime: string;
  /** Revenue: the currency both hours are counted in; absent when neither had a sale. */
  currency?: string;
  /** undefined: no data for that hour. */
  value: number | undefined;
  baseline: number | undefined;
}

/** What the runner observed for a rule: the live numbers (no_orders, threshold) or the hours (drop, spike). */
export interface Observation {
  live?: LiveNumbers;
  hour?: HourNumbers;
}

export interface EvaluationSettings {
  /** After an episode resolves, the rule does not fire again for this long. */
  cooldownMs: number;
  /** A pause between evaluations longer than this restarts what the rule watches. */
  maxGapMs: number;
}

export interface Evaluation {
  state: RuleState;
  notifications: Notification[];
}

interface Reading {
  holds: boolean;
  clears: boolean;
  value: number | null;
  baseline: number | null;
  detail: string;
  watch: Watch | null;
}

export function evaluate(
  rule: AlertRule,
  observation: Observation,
  state: RuleState,
  now: number,
  settings: EvaluationSettings,
): Evaluation {
  // an evaluation older than the latest (two evaluators a moment apart) has nothing to add
  if (state.lastAt !== null && now < state.lastAt) return { state, notifications: [] };
  const reading = readRule(rule, observation, state, now, settings);
  if (!reading) return { state, notifications: [] };
  const { holds, clears, value, baseline, detail, watch } = reading;
  const next: RuleState = { ...state, lastAt: now, value, baseline, detail, watch };
  if (state.condition === 'ok' && holds && now >= state.cooldownUntil)
    return {
      state: { ...next, condition: 'firing', since: now },
      notifications: [{ state: 'firing', value, baseline, at: now }],
    };
  if (state.condition === 'firing' && clears)
    return {
      state: { ...next, condition: 'ok', since: now, cooldownUntil: now + settings.cooldownMs },
      notifications: [{ state: 'resolved', value, baseline, at: now }],
    };
  if (state.condition === 'ok' && holds) next.detail = `${detail} (cooling down after the last episode)`;
  return { state: next, notifications: [] };
}

function readRule(
  rule: AlertRule,
  { live, hour }: Observation,
  state: RuleState,
  now: number,
  settings: EvaluationSettings,
): Reading | null {
  const gap = state.lastAt === null || now - state.lastAt > settings.maxGapMs;
  if (rule.kind === 'no_orders') {
    if (!live) return null;
    const watch = state.watch?.kind === 'no_orders' && !gap ? state.watch : null;
    return readNoOrders(rule, live, watch, now);
  }
  if (rule.kind === 'threshold') {
    if (!live) return null;
    const watch = state.watch?.kind === 'threshold' ? state.watch : null;
    return readThreshold(rule, live, watch, gap, now);
  }
  return hour ? readComparison(rule, hour) : null;
}

/**
 * no_orders samples the e-commerce window (`W`, 15 minutes) at every evaluation. What it knows from the
 * samples:
 *
 * - a sample with no order in the window means no order in the `W` before it; a run of such samples
 *   (each less than `maxGapMs` after the previous, which is shorter than `W`) means no order from `W`
 *   before the run's first sample until now: exact;
 * - an order is *seen* when the window's order count rose since the previous sample (or, at the start
 *   of a watch, when the window holds orders: it is taken to be as recent as now). While the window holds
 *   orders, the latest order is taken to be the latest one seen, and never older than `W`. This part is an
 *   approximation: an order placed while another leaves the window within one evaluation interval is not
 *   seen, so with `minutes` shorter than `W` a slow, steady trickle of orders could go unnoticed;
 * - add-to-carts: the window's count covers the last `W`; before that, the rises of the count between
 *   samples (add-to-carts seen entering the window, per minute) count. Both are lower bounds of what
 *   happened, so the rule never claims more add-to-carts than there were.
 *
 * So with `minutes` equal to `W` it is exactly "the window shows no order and at least `minAddToCarts`
 * add-to-carts"; longer, "no order in any window of the last `minutes`, and the window's add-to-carts plus
 * those seen arriving before it"; shorter, "no order seen for `minutes`, and the add-to-carts seen
 * arriving in them". The episode ends when an order is seen.
 */
function readNoOrders(rule: NoOrdersRule, live: LiveNumbers, before: NoOrdersWatch | null, now: number) {
  const span = rule.minutes * MINUTE;
  const windowMs = live.commerceMs;
  const keepFrom = now - Math.max(span, windowMs);
  const watch: NoOrdersWatch = before
    ? {
        ...before,
        orders: live.orders,
        addToCarts: live.addToCarts,
        zeroSince: live.orders === 0 ? (before.zeroSince ?? now) : null,
        lastOrderAt: live.orders > before.orders ? now : before.lastOrderAt,
        rises: addRise(before.rises, now, Math.max(0, live.addToCarts - before.addToCarts), keepFrom),
      }
    : {
        kind: 'no_orders',
        startedAt: now,
        orders: live.orders,
        addToCarts: live.addToCarts,
        zeroSince: live.orders === 0 ? now : null,
        lastOrderAt: live.orders > 0 ? now : null,
        rises: [],
      };
  const orderSeen = before ? live.orders > before.orders : live.orders > 0;
  // how long no order is known (or, see above, taken) to have happened; with an order in the window,
  // less than the window
  const quietMs =
    watch.zeroSince !== null
      ? now - watch.zeroSince + windowMs
      : Math.min(now - (watch.lastOrderAt ?? watch.startedAt), windowMs - 1);
  const addToCarts =
    span >= windowMs
      ? live.addToCarts + sumRises(watch.rises, now - span, now - windowMs)
      : sumRises(watch.rises, now - span, Number.POSITIVE_INFINITY);
  const quietMinutes = Math.floor(quietMs / MINUTE);
  return {
    holds: quietMs >= span && addToCarts >= rule.minAddToCarts,
    clears: orderSeen,
    value: addToCarts,
    baseline: null,
    detail:
      quietMs >= span
        ? `no order for ${rule.minutes} min (${quietMinutes} min known); ${addToCarts} add-to-carts counted in them`
        : `an order in the last ${rule.minutes} min; ${addToCarts} add-to-carts counted in them`,
    watch,
  };
}

/** Adds the add-to-carts seen at `now` to its minute, and forgets minutes before `keepFrom`. */
function addRise(
  rises: [number, number][],
  now: number,
  count: number,
  keepFrom: number,
): [number, number][] {
  const kept = rises.filter(([minute]) => minute + MINUTE > keepFrom);
  if (count === 0) return kept;
  const minute = now - (now % MINUTE);
  const last = kept.at(-1);
  if (last?.[0] === minute) return [...kept.slice(0, -1), [minute, last[1] + count]];
  return [...kept, [minute, count]];
}

/** Add-to-carts seen in the minutes that start at or after `from` and end by `to`. */
function sumRises(rises: [number, number][], from: number, to: number): number {
  let sum = 0;
  for (const [minute, count] of rises) if (minute >= from && minute + MINUTE <= to) sum += count;
  return sum;
}

/**
 * threshold: the headline number at every evaluation; it fires once every evaluation of the last
 * `minutes` was beyond (a pause longer than `maxGapMs` starts the count again) and resolves at the first
 * evaluation that is not. A currency amount without a currency named watches the first currency the
 * rule sees on the site.
 */
function readThreshold(
  rule: ThresholdRule,
  live: LiveNumbers,
  before: ThresholdWatch | null,
  gap: boolean,
  now: number,
) {
  const currency = CURRENCY_METRICS.includes(rule.metric)
    ? (rule.currency ?? before?.currency ?? Object.keys(live.revenue).sort()[0])
    : undefined;
  const value = headlineValue(rule.metric, live, currency);
  const beyond =
    value !== null && (rule.above !== undefined ? value > rule.above : value < (rule.below ?? 0));
  const continued = gap ? null : (before?.beyondSince ?? null);
  const beyondSince = beyond ? (continued ?? now) : null;
  const watch: ThresholdWatch = { kind: 'threshold', beyondSince };
  if (currency) watch.currency = currency;
  const limit = rule.above !== undefined ? `above ${rule.above}` : `below ${rule.below}`;
  const named = `${rule.metric}${currency ? ` (${currency})` : ''}`;
  return {
    holds: beyondSince !== null && now - beyondSince >= rule.minutes * MINUTE,
    clears: !beyond,
    value,
    baseline: null,
    detail:
      value === null
        ? `no ${named} to compare: no order in ${currency ?? 'any currency'} in the window`
        : beyondSince !== null
          ? `${named} ${value}, ${limit} for ${Math.floor((now - beyondSince) / MINUTE)} min`
          : `${named} ${value}, not ${limit}`,
    watch,
  };
}

/** A headline number of the snapshot; null where there is none (an average of no order). */
export function headlineValue(metric: HeadlineMetric, live: LiveNumbers, currency?: string): number | null {
  switch (metric) {
    case 'revenue':
      return currency === undefined ? 0 : (live.revenue[currency] ?? 0);
    case 'averageOrderValue':
      return currency === undefined ? null : (live.averageOrderValue[currency] ?? null);
    default:
      return live[metric];
  }
}

/**
 * drop and spike: the last complete local hour against the same hour a week earlier. A drop of `percent`
 * fires below `percent` % of it, a spike above it; without both hours the rule stays as it is with
 * `baseline: null`. A spike needs a baseline above 0 (there is no ratio to nothing).
 */
function readComparison(rule: ComparisonRule, hour: HourNumbers): Reading {
  const { value, baseline } = hour;
  const named = `${rule.metric}${hour.currency ? ` (${hour.currency})` : ''}`;
  const when = `${hour.localTime} on ${hour.date}`;
  if (value === undefined || baseline === undefined)
    return {
      holds: false,
      clears: false,
      value: value ?? null,
      baseline: null,
      detail:
        baseline === undefined ? 'no data for the same hour last week yet' : 'no data for the last hour yet',
      watch: null,
    };
  const limit = (baseline * rule.percent) / 100;
  const beyond = rule.kind === 'drop' ? value < limit : baseline > 0 && value > limit;
  const share = baseline > 0 ? `${Math.round((value / baseline) * 100)} %` : 'no ratio to';
  return {
    holds: beyond,
    clears: !beyond,
    value,
    baseline,
    detail: `${named} in the last hour (from ${when}) ${value}: ${share} of the same hour last week (${baseline})`,
    watch: null,
  };
}
