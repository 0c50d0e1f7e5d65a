/**
 * Where drop and spike find hours, and which hours they compare. Hours are local to the site's time
 * zone, as the day rollups count them (windows/days.ts): "the last hour" is the last complete hour of
 * the site's local clock (in Asia/Kolkata, 14:00 to 15:00 local time is 08:30 to 09:30 UTC), and "the
 * same hour last week" the hour that shows the same local time 7 local dates earlier. Reading Redis is
 * the history's part (alerts/day-history.ts); choosing the hours and the number is pure, here.
 */
import { REVENUE_UNITS } from '../windows/arithmetic.js';
import { DAY_METRIC } from '../windows/days.js';
import {
  addDays,
  HOUR,
  hourIndex,
  hoursIn,
  type LocalDay,
  localDay,
  localDayOf,
  sameTimeOn,
} from '../windows/local-day.js';
import type { HourNumbers } from './evaluate.js';
import type { ComparisonRule } from './rules.js';

/** One hour of a site's day rollup: its fields without the hour (`vi`, `or`, `o:EUR`, `r:EUR`) → n. */
export type HourFields = Record<string, number>;

export interface HourlyHistory {
  /**
   * Hour `hour` (whole hours since the first instant of the local day `date`) of a site: its fields,
   * `{}` when the day has a rollup but nothing in that hour; undefined when the site has no rollup for
   * that day (nothing counted that day, or before the rollups are kept).
   */
  hour(site: string, date: string, hour: number): Promise<HourFields | undefined>;
}

/** Knows no hour: every drop and spike rule stays `ok` with `baseline: null`. */
export const noHourlyHistory: HourlyHistory = { hour: async () => undefined };

/** An hour of a local day. */
export interface LocalHour {
  day: LocalDay;
  /** Whole hours since the start of the day. */
  hour: number;
  /** Epoch ms. */
  start: number;
}

/** The last complete local hour before `now`: the previous day's last hour in the first hour of a day. */
export function lastLocalHour(now: number, timeZone: string): LocalHour {
  const today = localDayOf(now, timeZone);
  const current = hourIndex(today, now);
  if (current > 0) return { day: today, hour: current - 1, start: today.since + (current - 1) * HOUR };
  const yesterday = localDay(addDays(today.date, -1), timeZone);
  const hour = hoursIn(yesterday) - 1;
  return { day: yesterday, hour, start: yesterday.since + hour * HOUR };
}

/**
 * The same hour 7 local dates earlier: the hour of that day that shows the same local time as `of`
 * starts with. It is the same hour index on every day but one whose clocks changed, where the index
 * moves by one so that 14:00 is still compared with 14:00. Undefined where that day has no such hour.
 */
export function sameHourLastWeek(of: LocalHour, timeZone: string): LocalHour | undefined {
  const day = localDay(addDays(of.day.date, -7), timeZone);
  const hour = hourIndex(day, sameTimeOn(day.date, of.start, timeZone));
  if (hour < 0 || hour >= hoursIn(day)) return undefined;
  return { day, hour, start: day.since + hour * HOUR };
}

/**
 * The currency a revenue comparison is in: the rule's, or else the one with the most orders paid in
 * the two hours together (alphabetically first on a tie), so that a shop selling in one currency never
 * has to name it and one selling in several compares its main currency with itself. Undefined when
 * neither hour has an order with revenue.
 */
export function currencyOf(rule: ComparisonRule, hours: (HourFields | undefined)[]): string | undefined {
  if (rule.currency) return rule.currency;
  const orders = new Map<string, number>();
  for (const fields of hours)
    for (const [field, n] of Object.entries(fields ?? {}))
      if (field.startsWith('r:') || field.startsWith('o:')) {
        const currency = field.slice(2);
        orders.set(currency, (orders.get(currency) ?? 0) + (field.startsWith('o:') ? n : 0));
      }
  return [...orders].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))[0]?.[0];
}

/** The rule's number in one hour; undefined without a rollup for its day. */
export function metricOf(
  rule: ComparisonRule,
  fields: HourFields | undefined,
  currency: string | undefined,
): number | undefined {
  if (!fields) return undefined;
  switch (rule.metric) {
    case 'visitors':
      return fields[DAY_METRIC.visitors] ?? 0;
    case 'orders':
      return fields[DAY_METRIC.orders] ?? 0;
    case 'revenue':
      return currency === undefined ? 0 : (fields[`r:${currency}`] ?? 0) / REVENUE_UNITS;
  }
}

const clockFormats = new Map<string, Intl.DateTimeFormat>();

/** `14:00`: the local time `t` shows. */
export function localClock(t: number, timeZone: string): string {
  let format = clockFormats.get(timeZone);
  if (!format)
    clockFormats.set(
      timeZone,
      (format = new Intl.DateTimeFormat('en-GB', {
        timeZone,
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      })),
    );
  return format.format(t);
}

/**
 * The rule's last complete local hour and the same hour last week, as the evaluation compares them.
 * No rollup for last week's day means no baseline. No rollup for the last hour's day, while last week
 * has one, means nothing was counted that day so far: the hour is 0 (a shop whose tracking stopped at
 * midnight is a drop, not a lack of data).
 */
export async function lastHour(
  history: HourlyHistory,
  rule: ComparisonRule,
  now: number,
  timeZone = 'UTC',
): Promise<HourNumbers> {
  const hour = lastLocalHour(now, timeZone);
  const before = sameHourLastWeek(hour, timeZone);
  const [current, baseline] = await Promise.all([
    history.hour(rule.site, hour.day.date, hour.hour),
    before ? history.hour(rule.site, before.day.date, before.hour) : undefined,
  ]);
  const currency = rule.metric === 'revenue' ? currencyOf(rule, [current, baseline]) : undefined;
  const numbers: HourNumbers = {
    metric: rule.metric,
    hourStart: hour.start,
    date: hour.day.date,
    localTime: localClock(hour.start, timeZone),
    value: metricOf(rule, current ?? (baseline ? {} : undefined), currency),
    baseline: metricOf(rule, baseline, currency),
  };
  if (currency) numbers.currency = currency;
  return numbers;
}
