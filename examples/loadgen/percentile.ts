/** Latency percentiles, exact (nearest rank) over the recorded samples. */

/**
 * The `p`-th percentile (0–100) of `values` by the nearest-rank method: the smallest value such that
 * at least p % of the values are less than or equal to it. NaN for no values.
 * @example percentile([1, 2, 3, 4], 50) // 2
 */
export function percentile(values: ArrayLike<number>, p: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError('p must be between 0 and 100');
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

/** A growable list of latency samples (ms) that can also answer for the samples since a mark. */
export class Latencies {
  private samples = new Float64Array(1024);
  private size = 0;

  get count(): number {
    return this.size;
  }

  add(ms: number): void {
    if (this.size === this.samples.length) {
      const bigger = new Float64Array(this.samples.length * 2);
      bigger.set(this.samples);
      this.samples = bigger;
    }
    this.samples[this.size++] = ms;
  }

  /** Percentile of every sample from index `since` on (a previous `count`). */
  percentile(p: number, since = 0): number {
    return percentile(this.samples.subarray(since, this.size), p);
  }

  /** The largest sample; NaN without samples. */
  max(): number {
    let max = this.size === 0 ? Number.NaN : Number.NEGATIVE_INFINITY;
    for (const ms of this.samples.subarray(0, this.size)) if (ms > max) max = ms;
    return max;
  }
}
