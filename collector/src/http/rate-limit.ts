/**
 * Per-site ingest rate limit, in each collector's memory: a token bucket per site that refills at the
 * site's rate (events per second) and holds two seconds of it, so a page's burst passes and a flood
 * does not. Pure, with the clock passed in. Buckets of sites quiet for a minute are dropped.
 */
export interface RateLimiter {
  /**
   * Takes `events` tokens from the site's bucket; returns 0 when they were taken, else the whole
   * seconds to wait (for `Retry-After`).
   */
  take(site: string, events: number, ratePerSecond: number, now: number): number;
}

const BURST_SECONDS = 2;
const FORGET_AFTER_MS = 60_000;

export function rateLimiter(): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  let lastSweep = 0;
  return {
    take(site, events, rate, now) {
      if (now - lastSweep > FORGET_AFTER_MS) {
        lastSweep = now;
        for (const [key, bucket] of buckets) if (now - bucket.at > FORGET_AFTER_MS) buckets.delete(key);
      }
      const capacity = rate * BURST_SECONDS;
      const bucket = buckets.get(site) ?? { tokens: capacity, at: now };
      bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.at) / 1000) * rate);
      bucket.at = now;
      buckets.set(site, bucket);
      // a batch bigger than the whole bucket would never pass: let it through when the bucket is full
      if (bucket.tokens >= Math.min(events, capacity)) {
        bucket.tokens -= events;
        return 0;
      }
      return Math.max(1, Math.ceil((Math.min(events, capacity) - bucket.tokens) / rate));
    },
  };
}
