import { describe, expect, it } from 'vitest';
import { acceptsAnySite, compileSitePatterns } from './patterns.js';

describe('CARTPULSE_SITES patterns', () => {
  it('matches ids exactly and globs by any run of characters', () => {
    const accepts = compileSitePatterns(['demo-shop', 'shop-*', '*.test']);
    expect(['demo-shop', 'shop-1', 'shop-', 'a.test', 'x.y.test'].map(accepts)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(['demo-shop2', 'myshop-1', 'a.testing', 'shop.1'].map(accepts)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it('takes regular-expression characters literally', () => {
    const accepts = compileSitePatterns(['a.b*']);
    expect(accepts('a.bc')).toBe(true);
    expect(accepts('axbc')).toBe(false);
  });

  it('knows the any-site pattern', () => {
    expect(acceptsAnySite(['*'])).toBe(true);
    expect(acceptsAnySite(['shop-*'])).toBe(false);
    expect(compileSitePatterns([])('x')).toBe(false);
  });
});
