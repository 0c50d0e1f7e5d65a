/**
 * Window arithmetic, shared by the consumer, the snapshot reader and the tests' brute-force oracle.
 * Time is cut into buckets of `granularityMs`; a window of length W at time `now` holds the W/G buckets
 * ending with the one that contains `now`. So window edges move in steps of one bucket (10 s by default).
 */
import { MINUTE } from '../config.js';

export interface WindowSettings {
  windows: { activeMs: number; pagesMs: number; commerceMs: number };
  granularityMs: number;
  seriesMinutes: number;
}

export const bucketOf = (t: number, granularityMs: number) => Math.floor(t / granularityMs);

/** First bucket inside a window of `lengthMs` at `now`. */
export function firstBucket(now: number, lengthMs: number, granularityMs: number): number {
  return bucketOf(now, granularityMs) - lengthMs / granularityMs + 1;
}

/** Earliest event time (epoch ms) inside a window of `lengthMs` at `now`. */
export function windowStart(now: number, lengthMs: number, granularityMs: number): number {
  return firstBucket(now, lengthMs, granularityMs) * granularityMs;
}

export const minuteOf = (t: number) => Math.floor(t / MINUTE);

/** First minute of the per-minute series at `now`. */
export function firstMinute(now: number, seriesMinutes: number): number {
  return minuteOf(now) - seriesMinutes + 1;
}

/** Events older than this at `now` affect nothing the snapshot shows, so the consumer skips them. */
export function horizonStart(now: number, settings: WindowSettings): number {
  const { activeMs, pagesMs, commerceMs } = settings.windows;
  const longest = Math.max(activeMs, pagesMs, commerceMs);
  return Math.min(
    windowStart(now, longest, settings.granularityMs),
    firstMinute(now, settings.seriesMinutes) * MINUTE,
  );
}

/** Revenue is summed in integer ten-thousandths, so sums are exact whatever the order of adds. */
export const REVENUE_UNITS = 10_000;
export const toRevenueUnits = (value: number) => Math.round(value * REVENUE_UNITS);
