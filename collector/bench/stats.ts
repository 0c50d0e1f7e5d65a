/** Pure number helpers for the bench: percentiles, rates and ratios. */

/**
 * The `p`-th percentile (0–100) by nearest rank: the smallest sample such that at least p % of the
 * samples are less than or equal to it. NaN for no samples.
 * @example percentile([4, 1, 3, 2], 50) // 2
 */
export function percentile(samples: ArrayLike<number>, p: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError('p must be between 0 and 100');
  if (samples.length === 0) return Number.NaN;
  const sorted = Float64Array.from(samples).sort();
  return sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1];
}

/** Things per second; 0 when no time passed. */
export function perSecond(count: number, ms: number): number {
  return ms > 0 ? (count * 1000) / ms : 0;
}

/** `value / baseline`; NaN when the baseline is 0 or missing. */
export function ratio(value: number, baseline: number): number {
  return baseline > 0 ? value / baseline : Number.NaN;
}

/** Milliseconds elapsed since a `performance.now()` mark. */
export const since = (mark: number) => performance.now() - mark;
