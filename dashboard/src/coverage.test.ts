import { describe, expect, it } from 'vitest';
import { coverageLine, sharePercent } from './coverage.js';
import type { Coverage } from './snapshot.js';

const coverage = (
  both: number,
  backend: number,
  backendOnlyRevenue: Record<string, number> = {},
): Coverage => ({
  browser: both,
  backend,
  both,
  browserShare: backend > 0 ? Math.round((both / backend) * 10_000) / 10_000 : null,
  backendOnlyRevenue,
});

describe('coverage', () => {
  it('rounds the share to whole percents, never to 0 or 100 when some were seen or missed', () => {
    expect(sharePercent(9, 11, 'en-US')).toBe('82\u00a0%');
    expect(sharePercent(1, 8, 'en-US')).toBe('13\u00a0%'); // 12.5 rounds up
    expect(sharePercent(1, 1, 'en-US')).toBe('100\u00a0%');
    expect(sharePercent(0, 5, 'en-US')).toBe('0\u00a0%');
    expect(sharePercent(1, 300, 'en-US')).toBe('<1\u00a0%');
    expect(sharePercent(199, 200, 'en-US')).toBe('>99\u00a0%');
    expect(sharePercent(19_999, 20_000, 'en-US')).toBe('>99\u00a0%'); // browserShare itself rounds to 1
  });

  it("says how many of the backend's orders the browser saw, and the revenue only the backend saw", () => {
    expect(coverageLine(coverage(9, 11, { EUR: 74.5 }), "today's orders", 'en-US')).toBe(
      "Browser tracking saw 82\u00a0% of today's orders (9 of 11) · €74.50 only the backend saw",
    );
    expect(coverageLine(coverage(1, 1), 'the orders in the last 15 min', 'en-US')).toBe(
      'Browser tracking saw 100\u00a0% of the orders in the last 15 min (1 of 1)',
    );
    expect(coverageLine(coverage(1200, 1500), "today's orders", 'en-US')).toContain('(1,200 of 1,500)');
  });

  it('formats that revenue with the money formatter, per currency by code, leaving out zeros', () => {
    const line = coverageLine(
      coverage(3, 7, { USD: 12, JPY: 1200, EUR: 0, GBP: 1234.5 }),
      "today's orders",
      'en-US',
    );
    expect(line).toMatch(/ · £1,234\.50, ¥1,200, \$12\.00 only the backend saw$/);
    expect(coverageLine(coverage(3, 7, { EUR: 74.5 }), "today's orders", 'de-DE')).toBe(
      "Browser tracking saw 43\u00a0% of today's orders (3 of 7) · 74,50\u00a0€ only the backend saw",
    );
    expect(coverageLine(coverage(3, 7, { EUR: 0 }), "today's orders", 'en-US')).toBe(
      "Browser tracking saw 43\u00a0% of today's orders (3 of 7)",
    );
  });

  it('says nothing without backend orders (null share), in a filtered snapshot or from an older collector', () => {
    expect(coverageLine(coverage(4, 0), "today's orders")).toBeNull();
    expect(coverageLine({ ...coverage(4, 0), backendOnlyRevenue: { EUR: 10 } }, "today's orders")).toBeNull();
    expect(coverageLine(null, "today's orders")).toBeNull();
    expect(coverageLine(undefined, "today's orders")).toBeNull();
  });
});
