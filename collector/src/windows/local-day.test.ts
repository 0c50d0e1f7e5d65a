import { describe, expect, it } from 'vitest';
import { addDays, HOUR, hourIndex, hoursIn, localDay, localDayOf, sameTimeOn } from './local-day.js';

const LA = 'America/Los_Angeles';

describe('local days', () => {
  it('starts a day at local midnight, in any zone', () => {
    expect(localDay('2026-12-01', 'UTC')).toEqual({
      date: '2026-12-01',
      since: Date.UTC(2026, 11, 1),
      until: Date.UTC(2026, 11, 2),
    });
    expect(localDay('2026-12-01', 'Asia/Kolkata').since).toBe(Date.UTC(2026, 10, 30, 18, 30));
    expect(localDay('2026-12-01', LA).since).toBe(Date.UTC(2026, 11, 1, 8));
  });

  it('has 23 or 25 hours where the clocks change', () => {
    expect(hoursIn(localDay('2026-03-08', LA))).toBe(23);
    expect(hoursIn(localDay('2026-11-01', LA))).toBe(25);
    expect(hoursIn(localDay('2026-11-02', LA))).toBe(24);
    // after 01:59 PDT comes 01:00 PST: the repeated hour is hour 2 of the day
    const fallBack = localDay('2026-11-01', LA);
    expect(hourIndex(fallBack, Date.UTC(2026, 10, 1, 9, 30))).toBe(2);
  });

  it('finds the day of an instant, either side of midnight', () => {
    expect(localDayOf(Date.UTC(2026, 11, 1, 7, 59, 59, 999), LA).date).toBe('2026-11-30');
    expect(localDayOf(Date.UTC(2026, 11, 1, 8), LA).date).toBe('2026-12-01');
    expect(localDayOf(Date.UTC(2026, 10, 30, 18, 29), 'Asia/Kolkata').date).toBe('2026-11-30');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('finds the same wall-clock time on another day', () => {
    // 14:05 in Los Angeles on 2 November (PST) and on 1 November (PST after the change)
    const now = Date.UTC(2026, 10, 2, 22, 5);
    expect(sameTimeOn('2026-11-01', now, LA)).toBe(Date.UTC(2026, 10, 1, 22, 5));
    // 14:05 on 31 October was still daylight time
    expect(sameTimeOn('2026-10-31', now, LA)).toBe(Date.UTC(2026, 9, 31, 21, 5));
    // 02:30 did not exist on 8 March: the instant the clocks jumped to 03:00
    const night = Date.UTC(2026, 2, 9, 9, 30); // 02:30 PDT on 9 March
    expect(sameTimeOn('2026-03-08', night, LA)).toBe(Date.UTC(2026, 2, 8, 10));
    // 01:30 came twice on 1 November: the first one
    const early = Date.UTC(2026, 10, 2, 9, 30); // 01:30 PST on 2 November
    expect(sameTimeOn('2026-11-01', early, LA)).toBe(Date.UTC(2026, 10, 1, 8, 30));
    expect(sameTimeOn('2026-11-01', early, LA) - localDay('2026-11-01', LA).since).toBe(1.5 * HOUR);
  });
});
