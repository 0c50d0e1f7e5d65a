import { describe, expect, it } from 'vitest';
import { type Hours, hourlyChart } from './hours.js';
import { sampleDays } from './testing/sample.js';

const HOUR = 3_600_000;
const sample = () => sampleDays().hours as Hours;

/** A day of `length` hours from `since`, each hour's sessions its index + `base`. */
const day = (
  date: string,
  since: number,
  length: number,
  base = 0,
  revenue: Record<string, number[]> = {},
) => ({
  date,
  since,
  visitors: new Array(length).fill(0),
  sessions: Array.from({ length }, (_, i) => i + base),
  pageviews: new Array(length).fill(0),
  orders: new Array(length).fill(0),
  revenue,
});

describe('hourlyChart', () => {
  it('has a point per hour of the local day, today up to the current hour and the other days whole', () => {
    const hours = sample();
    const chart = hourlyChart(hours, 'UTC', 'sessions');
    expect(chart.labels).toHaveLength(24);
    expect(chart.labels.slice(0, 3)).toEqual(['00:00', '01:00', '02:00']);
    expect(chart.labels.at(-1)).toBe('23:00');
    const [xs, today, yesterday, lastWeek] = chart.data;
    expect(xs).toEqual(Array.from({ length: 24 }, (_, i) => i));
    expect(today.slice(0, 17)).toEqual(hours.today.sessions);
    expect(today.slice(17)).toEqual(new Array(7).fill(null));
    expect(yesterday).toEqual(hours.yesterday.sessions);
    expect(lastWeek).toEqual(hours.lastWeek.sessions);
  });

  it('shows the metric asked for, revenue in the first currency by code', () => {
    const hours = sample();
    expect(hourlyChart(hours, 'UTC', 'orders').data[2]).toEqual(hours.yesterday.orders);
    expect(hourlyChart(hours, 'UTC', 'pageviews').data[3]).toEqual(hours.lastWeek.pageviews);
    hours.yesterday.revenue = { USD: new Array(24).fill(5), AUD: new Array(24).fill(1) };
    const revenue = hourlyChart(hours, 'UTC', 'revenue');
    expect(revenue.currency).toBe('AUD');
    expect(revenue.data[2]).toEqual(new Array(24).fill(1));
    expect(revenue.data[1].slice(0, 17)).toEqual(new Array(17).fill(0)); // no AUD today
    const none = { ...hours, today: day('2025-11-25', hours.today.since, 3), yesterday: day('x', 0, 24) };
    none.lastWeek = day('y', 0, 24);
    expect(hourlyChart(none, 'UTC', 'revenue')).toMatchObject({ currency: null });
  });

  it('labels each point by its own local time on a 23-hour day, and leaves out the hour it skips', () => {
    // Berlin, 29 March 2026: 02:00 does not happen. Yesterday had it.
    const since = Date.UTC(2026, 2, 28, 23);
    const hours: Hours = {
      stepMs: HOUR,
      today: day('2026-03-29', since, 5),
      yesterday: day('2026-03-28', since - 24 * HOUR, 24, 100),
      lastWeek: day('2026-03-22', since - 7 * 24 * HOUR, 24, 200),
    };
    const chart = hourlyChart(hours, 'Europe/Berlin', 'sessions');
    expect(chart.labels).toHaveLength(23);
    expect(chart.labels.slice(0, 4)).toEqual(['00:00', '01:00', '03:00', '04:00']);
    expect(chart.data[1].slice(0, 6)).toEqual([0, 1, 2, 3, 4, null]);
    // Yesterday's 03:00 (its fourth hour) stands at today's 03:00 (the third point).
    expect(chart.data[2].slice(0, 4)).toEqual([100, 101, 103, 104]);
    expect(chart.data[2].at(-1)).toBe(123);
  });

  it('keeps both 02:00 hours of a 25-hour day, and adds a repeated hour of another day into one', () => {
    // Berlin, 25 October 2026: 02:00 happens twice.
    const since = Date.UTC(2026, 9, 24, 22);
    const long: Hours = {
      stepMs: HOUR,
      today: day('2026-10-25', since, 25),
      yesterday: day('2026-10-24', since - 24 * HOUR, 24, 100),
      lastWeek: day('2026-10-18', since - 7 * 24 * HOUR, 24, 200),
    };
    const chart = hourlyChart(long, 'Europe/Berlin', 'sessions');
    expect(chart.labels.slice(0, 5)).toEqual(['00:00', '01:00', '02:00', '02:00', '03:00']);
    expect(chart.labels).toHaveLength(25);
    expect(chart.data[1]).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(chart.data[2].slice(0, 5)).toEqual([100, 101, 102, null, 103]);
    expect(chart.data[2].at(-1)).toBe(123);

    // The day after: yesterday had 25 hours, today 24.
    const next = Date.UTC(2026, 9, 25, 23);
    const after: Hours = {
      stepMs: HOUR,
      today: day('2026-10-26', next, 24),
      yesterday: day('2026-10-25', since, 25, 100),
      lastWeek: day('2026-10-19', next - 7 * 24 * HOUR, 24, 200),
    };
    const line = hourlyChart(after, 'Europe/Berlin', 'sessions').data[2];
    expect(line).toHaveLength(24);
    expect(line.slice(0, 4)).toEqual([100, 101, 102 + 103, 104]);
    expect(line.at(-1)).toBe(124);
  });
});
