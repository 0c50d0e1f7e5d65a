import { describe, expect, it } from 'vitest';
import { bucketOf, firstBucket, firstMinute, horizonStart, windowStart } from './arithmetic.js';

const settings = {
  windows: { activeMs: 300_000, pagesMs: 900_000, commerceMs: 900_000 },
  granularityMs: 10_000,
  seriesMinutes: 60,
};

describe('window arithmetic', () => {
  it('a 5-minute window holds 30 ten-second buckets ending with the current one', () => {
    const now = 1_000_005_000; // bucket 100000
    expect(bucketOf(now, 10_000)).toBe(100_000);
    expect(firstBucket(now, 300_000, 10_000)).toBe(99_971);
    expect(windowStart(now, 300_000, 10_000)).toBe(999_710_000);
    expect(now - windowStart(now, 300_000, 10_000)).toBeGreaterThan(290_000);
    expect(now - windowStart(now, 300_000, 10_000)).toBeLessThanOrEqual(300_000);
  });
  it('the edge moves only when a bucket boundary passes', () => {
    expect(windowStart(1_000_000_000, 300_000, 10_000)).toBe(windowStart(1_000_009_999, 300_000, 10_000));
    expect(windowStart(1_000_010_000, 300_000, 10_000)).toBe(
      windowStart(1_000_000_000, 300_000, 10_000) + 10_000,
    );
  });
  it('the series covers 60 minutes ending with the current one', () => {
    expect(firstMinute(60 * 60_000 * 10 + 5, 60)).toBe(541);
  });
  it('the horizon is the older of the longest window and the series', () => {
    const now = 10 * 3_600_000;
    expect(horizonStart(now, settings)).toBe(firstMinute(now, 60) * 60_000);
  });
});
