import { describe, expect, it } from 'vitest';
import { rateLimiter } from './rate-limit.js';

describe('rate limiter', () => {
  it('lets two seconds of the rate through at once, then the rate', () => {
    const limiter = rateLimiter();
    expect(limiter.take('a', 150, 100, 0)).toBe(0);
    expect(limiter.take('a', 50, 100, 0)).toBe(0);
    expect(limiter.take('a', 1, 100, 0)).toBe(1);
    expect(limiter.take('a', 50, 100, 500)).toBe(0);
    expect(limiter.take('a', 10, 100, 500)).toBe(1);
  });

  it('keeps one bucket per site', () => {
    const limiter = rateLimiter();
    expect(limiter.take('a', 200, 100, 0)).toBe(0);
    expect(limiter.take('b', 200, 100, 0)).toBe(0);
    expect(limiter.take('a', 1, 100, 0)).toBeGreaterThan(0);
  });

  it('says how long to wait, in whole seconds', () => {
    const limiter = rateLimiter();
    limiter.take('a', 20, 10, 0);
    expect(limiter.take('a', 20, 10, 0)).toBe(2);
  });

  it('lets a batch larger than the bucket through once the bucket is full', () => {
    const limiter = rateLimiter();
    expect(limiter.take('a', 500, 10, 0)).toBe(0);
    expect(limiter.take('a', 500, 10, 1000)).toBeGreaterThan(0);
    expect(limiter.take('a', 500, 10, 60_000)).toBe(0);
  });
});
