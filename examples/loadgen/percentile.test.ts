import { describe, expect, it } from 'vitest';
import { Latencies, percentile } from './percentile.js';
import { seededRandom } from './random.js';

describe('percentile', () => {
  it('uses the nearest rank', () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(percentile([4, 3, 2, 1], 75)).toBe(3);
    expect(percentile([15, 20, 35, 40, 50], 30)).toBe(20);
    expect(percentile([15, 20, 35, 40, 50], 100)).toBe(50);
    expect(percentile([15, 20, 35, 40, 50], 0)).toBe(15);
    expect(percentile([7], 99)).toBe(7);
  });

  it('finds the 99th of a hundred samples', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 99.5)).toBe(100);
  });

  it('is NaN without samples and refuses a p outside 0–100', () => {
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
  });

  it('sorts numbers as numbers', () => {
    expect(percentile([10, 9, 100, 2], 75)).toBe(10);
  });
});

describe('Latencies', () => {
  it('grows and answers for all samples or those since a mark', () => {
    const latencies = new Latencies();
    const random = seededRandom(1);
    const all: number[] = [];
    for (let i = 0; i < 5000; i++) {
      const ms = Math.round(random() * 1000) / 10;
      all.push(ms);
      latencies.add(ms);
    }
    expect(latencies.count).toBe(5000);
    expect(latencies.percentile(99)).toBe(percentile(all, 99));
    expect(latencies.percentile(50, 4000)).toBe(percentile(all.slice(4000), 50));
    expect(latencies.max()).toBe(Math.max(...all));
    expect(latencies.percentile(99, 5000)).toBeNaN();
  });
});
