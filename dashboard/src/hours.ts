/**
 * The hourly chart's data: today, yesterday and last week hour by hour, lined up by the local time of
 * day in the site's time zone. Each point is labelled by its own local time (`since + i * stepMs`), so a
 * day of 23 or 25 hours (the clocks changing) keeps every hour under its own label. Pure.
 */
import { zoneClock } from './format.js';
import type { Snapshot } from './snapshot.js';

export type Hours = NonNullable<Snapshot['hours']>;
export type HourMetric = 'sessions' | 'pageviews' | 'orders' | 'revenue';
export const HOUR_METRICS: HourMetric[] = ['sessions', 'pageviews', 'orders', 'revenue'];
export const DAYS = ['today', 'yesterday', 'lastWeek'] as const;

export interface HourlyChart {
  /** Today's local time of each point, `HH:MM`: the x axis (23, 24 or 25 points). */
  labels: string[];
  /** Point indices, then today (up to the current hour, null after), yesterday and last week. */
  data: [number[], ...(number | null)[][]];
  /** Which currency `revenue` shows: the first by code of the three days; null without revenue. */
  currency: string | null;
}

/** The first currency (by code) with revenue on any of the three days. */
export function firstCurrency(hours: Hours): string | null {
  const codes = DAYS.flatMap((day) => Object.keys(hours[day].revenue)).sort();
  return codes[0] ?? null;
}

/** Each point's local time, told apart when it repeats (the hour the clocks go back): `02:00#1`. */
function pointKeys(since: number, stepMs: number, length: number, timeZone: string): string[] {
  const seen = new Map<string, number>();
  return Array.from({ length }, (_, i) => {
    const { time } = zoneClock(since + i * stepMs, timeZone);
    const n = seen.get(time) ?? 0;
    seen.set(time, n + 1);
    return `${time}#${n}`;
  });
}

export function hourlyChart(hours: Hours, timeZone: string, metric: HourMetric): HourlyChart {
  const { stepMs, today } = hours;
  const currency = firstCurrency(hours);
  const values = (day: Hours['today']) => {
    const length = day.sessions.length;
    if (metric !== 'revenue') return day[metric];
    return (currency && day.revenue[currency]) || new Array<number>(length).fill(0);
  };
  // Today's points run to its local midnight, past the current hour.
  let length = today.sessions.length;
  while (length < 26 && zoneClock(today.since + length * stepMs, timeZone).date === today.date) length++;
  const keys = pointKeys(today.since, stepMs, length, timeZone);
  const slot = new Map(keys.map((key, index) => [key, index]));
  const todayValues = values(today);
  const data: HourlyChart['data'] = [
    keys.map((_, index) => index),
    keys.map((_, index) => todayValues[index] ?? null),
  ];
  for (const name of ['yesterday', 'lastWeek'] as const) {
    const day = hours[name];
    const line = new Array<number | null>(length).fill(null);
    const dayValues = values(day);
    pointKeys(day.since, stepMs, dayValues.length, timeZone).forEach((key, i) => {
      // A time that repeats on that day only (the clocks going back) adds to its first; a time today does
      // not have (the clocks going forward) is left out.
      const index = slot.get(key) ?? slot.get(key.replace(/#\d+$/, '#0'));
      if (index !== undefined) line[index] = (line[index] ?? 0) + dayValues[i];
    });
    data.push(line);
  }
  return { labels: keys.map((key) => key.slice(0, 5)), data, currency };
}
