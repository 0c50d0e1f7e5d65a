/**
 * Today against yesterday and last week, from the day rollups (windows/days.ts): plain reads of four
 * hashes (today, yesterday, a week ago, and yesterday's current hour by minute), then pure arithmetic.
 */
import type { Coverage, DayHours, DayNumbers } from '@cartpulse/protocol';
import type { PartitionKeys } from '../keys.js';
import type { RedisClient } from '../redis/client.js';
import { REVENUE_UNITS } from './arithmetic.js';
import { DAY_METRIC } from './days.js';
import {
  addDays,
  HOUR,
  hourIndex,
  hoursIn,
  type LocalDay,
  localDay,
  localDayOf,
  sameTimeOn,
} from './local-day.js';
import { averageOrderValues, conversionRate, coverageOf } from './snapshot-numbers.js';

export interface Today {
  /** Today's orders by who reported them. */
  coverage: Coverage;
  today: DayNumbers;
  yesterday: DayNumbers;
  lastWeek: DayNumbers;
  hours: { stepMs: number; today: DayHours; yesterday: DayHours; lastWeek: DayHours };
}

/** A rollup hash as read: `<metric>@<index>` → n, split into metric → index → n. */
type Rollup = Map<string, Map<number, number>>;

function parseRollup(flat: Record<string, string>): Rollup {
  const rollup: Rollup = new Map();
  for (const [field, value] of Object.entries(flat)) {
    const at = field.lastIndexOf('@');
    if (at < 0) continue;
    const metric = field.slice(0, at);
    let byIndex = rollup.get(metric);
    if (!byIndex) rollup.set(metric, (byIndex = new Map()));
    byIndex.set(Number(field.slice(at + 1)), Number(value));
  }
  return rollup;
}

/** Metric → the sum of its values, each multiplied by `weight` of its index. */
function sums(rollup: Rollup, weight: (index: number) => number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [metric, byIndex] of rollup) {
    let sum = 0;
    for (const [index, n] of byIndex) sum += n * weight(index);
    out[metric] = sum;
  }
  return out;
}

function numbersOf(day: LocalDay, until: number, totals: Record<string, number>): DayNumbers {
  const revenue: Record<string, number> = {};
  for (const [metric, units] of Object.entries(totals))
    if (metric.startsWith('r:') && units !== 0) revenue[metric.slice(2)] = units / REVENUE_UNITS;
  const count = (metric: string) => totals[metric] ?? 0;
  return {
    since: day.since,
    until,
    visitors: count(DAY_METRIC.visitors),
    sessions: count(DAY_METRIC.sessions),
    pageviews: count(DAY_METRIC.pageviews),
    orders: count(DAY_METRIC.orders),
    revenue,
    conversionRate: conversionRate(count(DAY_METRIC.buyers), count(DAY_METRIC.visitors)),
    averageOrderValue: averageOrderValues(totals),
  };
}

function hoursOf(day: LocalDay, rollup: Rollup, length: number): DayHours {
  const series = (metric: string, scale = 1) => {
    const list = new Array<number>(length).fill(0);
    for (const [index, n] of rollup.get(metric) ?? []) if (index < length) list[index] = n / scale;
    return list;
  };
  const revenue: Record<string, number[]> = {};
  for (const metric of rollup.keys())
    if (metric.startsWith('r:')) revenue[metric.slice(2)] = series(metric, REVENUE_UNITS);
  return {
    date: day.date,
    since: day.since,
    visitors: series(DAY_METRIC.visitors),
    sessions: series(DAY_METRIC.sessions),
    pageviews: series(DAY_METRIC.pageviews),
    orders: series(DAY_METRIC.orders),
    revenue,
  };
}

/** The rollups as read, for `todayOf`. */
export interface DayRollups {
  today: Record<string, string>;
  yesterday: Record<string, string>;
  lastWeek: Record<string, string>;
  /** Yesterday's hour that holds the same time of day, by minute. */
  yesterdayHour: Record<string, string>;
}

/** The days a snapshot at `now` compares, and how far into yesterday and last week it counts. */
export function comparedDays(now: number, timeZone: string) {
  const today = localDayOf(now, timeZone);
  const yesterday = localDay(addDays(today.date, -1), timeZone);
  const lastWeek = localDay(addDays(today.date, -7), timeZone);
  const yesterdayAt = sameTimeOn(yesterday.date, now, timeZone);
  return {
    today,
    yesterday,
    lastWeek,
    yesterdayAt,
    yesterdayHour: hourIndex(yesterday, yesterdayAt),
    lastWeekAt: sameTimeOn(lastWeek.date, now, timeZone),
  };
}

/**
 * Pure: the comparison from the rollups. Yesterday counts whole hours before the same time of day, then
 * that hour's minutes up to the same minute, inclusive; a week ago the minutes are gone (kept 48 hours),
 * so its current hour counts for the share of it elapsed, rounded.
 */
export function todayOf(now: number, timeZone: string, read: DayRollups): Today {
  const days = comparedDays(now, timeZone);
  const { today, yesterday, lastWeek } = days;
  const todayRollup = parseRollup(read.today);
  const yesterdayRollup = parseRollup(read.yesterday);
  const lastWeekRollup = parseRollup(read.lastWeek);

  const hourY = days.yesterdayHour;
  const minuteY = Math.floor((days.yesterdayAt - yesterday.since - hourY * HOUR) / 60_000);
  const yesterdayTotals = sums(yesterdayRollup, (h) => (h < hourY ? 1 : 0));
  const minutes = sums(parseRollup(read.yesterdayHour), (m) => (m <= minuteY ? 1 : 0));
  for (const [metric, n] of Object.entries(minutes))
    yesterdayTotals[metric] = (yesterdayTotals[metric] ?? 0) + n;

  const hourW = hourIndex(lastWeek, days.lastWeekAt);
  const minuteW = Math.floor((days.lastWeekAt - lastWeek.since - hourW * HOUR) / 60_000);
  const share = (minuteW + 1) / 60;
  const lastWeekTotals = sums(lastWeekRollup, (h) => (h < hourW ? 1 : 0));
  for (const [metric, n] of Object.entries(sums(lastWeekRollup, (h) => (h === hourW ? 1 : 0))))
    lastWeekTotals[metric] = (lastWeekTotals[metric] ?? 0) + Math.round(n * share);

  const minuteEnd = (day: LocalDay, hour: number, minute: number) =>
    Math.min(day.until, day.since + hour * HOUR + (minute + 1) * 60_000);
  const todayTotals = sums(todayRollup, () => 1);
  return {
    coverage: coverageOf(todayTotals),
    today: numbersOf(today, now, todayTotals),
    yesterday: numbersOf(yesterday, minuteEnd(yesterday, hourY, minuteY), yesterdayTotals),
    lastWeek: numbersOf(lastWeek, minuteEnd(lastWeek, hourW, minuteW), lastWeekTotals),
    hours: {
      stepMs: HOUR,
      today: hoursOf(today, todayRollup, hourIndex(today, now) + 1),
      yesterday: hoursOf(yesterday, yesterdayRollup, hoursIn(yesterday)),
      lastWeek: hoursOf(lastWeek, lastWeekRollup, hoursIn(lastWeek)),
    },
  };
}

/** Reads the four rollup hashes of a site's comparison (one partition: one slot). */
export async function readToday(
  redis: RedisClient,
  keys: PartitionKeys,
  site: string,
  now: number,
  timeZone: string,
): Promise<Today> {
  const days = comparedDays(now, timeZone);
  const day = (d: LocalDay) => `${keys.prefix}day:${site}:${d.date}`;
  const replies = await redis
    .pipeline()
    .hgetall(day(days.today))
    .hgetall(day(days.yesterday))
    .hgetall(day(days.lastWeek))
    .hgetall(`${keys.prefix}dmin:${site}:${days.yesterday.date}:${days.yesterdayHour}`)
    .exec();
  const values = (replies ?? []).map(([error, value]) => {
    if (error) throw error;
    return value as Record<string, string>;
  });
  return todayOf(now, timeZone, {
    today: values[0],
    yesterday: values[1],
    lastWeek: values[2],
    yesterdayHour: values[3],
  });
}
