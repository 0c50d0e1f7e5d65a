import { describe, expect, it } from 'vitest';
import { batchSizes, eventsDueBy, TICK_MS } from './schedule.js';

describe('eventsDueBy', () => {
  const pace = { rate: 2000, durationMs: 60_000 };

  it('follows the clock at the requested rate', () => {
    expect(eventsDueBy(pace, 0)).toBe(0);
    expect(eventsDueBy(pace, 1)).toBe(2);
    expect(eventsDueBy(pace, 1_500)).toBe(3000);
    expect(eventsDueBy({ rate: 3, durationMs: 10_000 }, 999)).toBe(2);
  });

  it('stops at the whole run, however late it is asked', () => {
    expect(eventsDueBy(pace, 60_000)).toBe(120_000);
    expect(eventsDueBy(pace, 3_600_000)).toBe(120_000);
    expect(eventsDueBy(pace, -5)).toBe(0);
  });

  it('sends the same total whether ticks are regular or late', () => {
    let sent = 0;
    for (let t = 0; t <= 60_000; t += TICK_MS) sent += eventsDueBy(pace, t) - sent;
    let late = 0;
    for (const t of [0, 7, 950, 20_000, 20_001, 59_999, 61_000]) late += eventsDueBy(pace, t) - late;
    expect(sent).toBe(120_000);
    expect(late).toBe(120_000);
  });
});

describe('batchSizes', () => {
  it('splits evenly under the limit', () => {
    expect(batchSizes(25, 10)).toEqual([9, 8, 8]);
    expect(batchSizes(20, 10)).toEqual([10, 10]);
    expect(batchSizes(3, 10)).toEqual([3]);
    expect(batchSizes(0, 10)).toEqual([]);
    expect(batchSizes(7, 1)).toEqual([1, 1, 1, 1, 1, 1, 1]);
  });

  it('keeps every event', () => {
    for (let count = 0; count < 200; count++) {
      const sizes = batchSizes(count, 13);
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(count);
      expect(Math.max(0, ...sizes)).toBeLessThanOrEqual(13);
    }
  });
});
