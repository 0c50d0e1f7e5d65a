import { describe, expect, it } from 'vitest';
import {
  ago,
  displayPath,
  eventLabel,
  formatCount,
  formatMoney,
  formatMoneyShort,
  formatRate,
  revenueSummary,
  stepRate,
  windowLabel,
  zoneClock,
} from './format.js';

describe('format', () => {
  it('formats counts, money and rates in the given locale', () => {
    expect(formatCount(1234567, 'en-US')).toBe('1,234,567');
    expect(formatMoney(37.5, 'EUR', 'en-US')).toBe('€37.50');
    expect(formatMoney(1200, 'JPY', 'en-US')).toBe('¥1,200');
    expect(formatRate(0.3333, 'en-US')).toBe('33.3%');
    expect(formatRate(0, 'en-US')).toBe('0.0%');
    expect(formatRate(Number.NaN, 'en-US')).toBe('0.0%');
  });

  it('falls back to plain text for a currency Intl does not know', () => {
    expect(formatMoney(3, 'Q1X', 'en-US')).toBe('3.00 Q1X');
  });

  it('shortens large amounts for rows, and lists several currencies compactly', () => {
    expect(formatMoneyShort(37.5, 'EUR', 'en-US')).toBe('€37.50');
    expect(formatMoneyShort(1234.5, 'EUR', 'en-US')).toBe('€1.2K');
    expect(formatMoneyShort(3, 'Q1X', 'en-US')).toBe('3.00 Q1X');
    expect(revenueSummary({ USD: 12, EUR: 1500, GBP: 3 }, 'en-US')).toEqual({
      shown: ['€1.5K'],
      more: 2,
      full: '€1,500.00 · £3.00 · $12.00',
    });
    expect(revenueSummary({ USD: 12, EUR: 1500, GBP: 3 }, 'en-US', 2)).toEqual({
      shown: ['€1.5K', '£3.00'],
      more: 1,
      full: '€1,500.00 · £3.00 · $12.00',
    });
    expect(revenueSummary({}, 'en-US')).toEqual({ shown: [], more: 0, full: '' });
  });

  it('computes step-to-step funnel rates, null after an empty step', () => {
    expect(stepRate(10, 4)).toBe(0.4);
    expect(stepRate(0, 0)).toBeNull();
  });

  it('says how long ago something happened', () => {
    const now = 1_000_000;
    expect(ago(now, now)).toBe('just now');
    expect(ago(now + 5000, now)).toBe('just now');
    expect(ago(now - 12_400, now)).toBe('12 s ago');
    expect(ago(now - 3 * 60_000, now)).toBe('3 min ago');
    expect(ago(now - 2 * 3_600_000, now)).toBe('2 h ago');
  });

  it('labels windows and event types', () => {
    expect(windowLabel(300_000)).toBe('5 min');
    expect(windowLabel(3_600_000)).toBe('1 h');
    expect(windowLabel(30_000)).toBe('30 s');
    expect(eventLabel('add_to_cart')).toBe('Added to cart');
    expect(eventLabel('something_new')).toBe('something_new');
  });

  it('shows paths decoded, as people type them', () => {
    expect(displayPath('/caf%C3%A9')).toBe('/café');
    expect(displayPath('/%3Cimg%20src=x%20onerror=alert(1)%3E')).toBe('/<img src=x onerror=alert(1)>');
    expect(displayPath('/a%2Fb')).toBe('/a%2Fb');
    expect(displayPath('/broken%E0%A4%A')).toBe('/broken%E0%A4%A');
  });

  it("tells the local date and 24-hour time in the site's time zone, across a change of clocks", () => {
    const berlin = (ms: number) => zoneClock(ms, 'Europe/Berlin');
    expect(berlin(Date.UTC(2026, 2, 28, 23))).toEqual({ date: '2026-03-29', time: '00:00' });
    expect(berlin(Date.UTC(2026, 2, 29, 0))).toEqual({ date: '2026-03-29', time: '01:00' });
    expect(berlin(Date.UTC(2026, 2, 29, 1))).toEqual({ date: '2026-03-29', time: '03:00' });
    expect(berlin(Date.UTC(2026, 9, 25, 0, 5))).toEqual({ date: '2026-10-25', time: '02:05' });
    expect(berlin(Date.UTC(2026, 9, 25, 1, 5))).toEqual({ date: '2026-10-25', time: '02:05' });
    expect(zoneClock(Date.UTC(2025, 10, 25, 16, 7), 'UTC')).toEqual({ date: '2025-11-25', time: '16:07' });
    expect(zoneClock(Date.UTC(2025, 10, 25, 16), 'Not/AZone')).toEqual({ date: '2025-11-25', time: '16:00' });
  });
});
