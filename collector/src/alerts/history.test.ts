import { describe, expect, it } from 'vitest';
import { lastLocalHour, localClock, sameHourLastWeek } from './history.js';

const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);

describe('the hours drop and spike compare', () => {
  it('the last complete local hour: in Kolkata (UTC+5:30) hours start at half past, UTC', () => {
    // 09:10 UTC is 14:40 in Kolkata: the last complete hour is 13:00 to 14:00 local, 07:30 to 08:30 UTC
    const hour = lastLocalHour(at('2026-01-12T09:10:00Z'), 'Asia/Kolkata');
    expect(hour).toMatchObject({ hour: 13, start: at('2026-01-12T07:30:00Z') });
    expect(hour.day.date).toBe('2026-01-12');
    expect(localClock(hour.start, 'Asia/Kolkata')).toBe('13:00');
    const before = sameHourLastWeek(hour, 'Asia/Kolkata');
    expect(before).toMatchObject({ hour: 13, start: at('2026-01-05T07:30:00Z') });
    expect(before?.day.date).toBe('2026-01-05');
    // the same instant in UTC is another hour
    expect(lastLocalHour(at('2026-01-12T09:10:00Z'), 'UTC')).toMatchObject({
      hour: 8,
      start: at('2026-01-12T08:00:00Z'),
    });
  });

  it('in the first hour of a local day, the last hour of the day before', () => {
    // 00:15 on the 13th in Kolkata
    const hour = lastLocalHour(at('2026-01-12T18:45:00Z'), 'Asia/Kolkata');
    expect(hour.day.date).toBe('2026-01-12');
    expect(hour).toMatchObject({ hour: 23, start: at('2026-01-12T17:30:00Z') });
    // exactly at midnight the hour that just ended is complete
    expect(lastLocalHour(at('2026-01-13T00:00:00Z'), 'UTC')).toMatchObject({
      hour: 23,
      start: at('2026-01-12T23:00:00Z'),
    });
  });

  it('across a change of the clocks, the same local time last week, whatever its index', () => {
    const zone = 'America/Los_Angeles';
    // 2026-03-08 has 23 hours (02:00 PST jumps to 03:00 PDT): 14:00 PDT is hour 13 of it…
    const spring = lastLocalHour(at('2026-03-08T22:10:00Z'), zone);
    expect(spring).toMatchObject({ hour: 13, start: at('2026-03-08T21:00:00Z') });
    expect(localClock(spring.start, zone)).toBe('14:00');
    // …and 14:00 PST a week earlier is hour 14
    const before = sameHourLastWeek(spring, zone);
    expect(before).toMatchObject({ hour: 14, start: at('2026-03-01T22:00:00Z') });
    // a week later 13:00 PDT, hour 13, goes back to hour 12 of the short day
    const after = lastLocalHour(at('2026-03-15T21:10:00Z'), zone);
    expect(after).toMatchObject({ hour: 13 });
    expect(sameHourLastWeek(after, zone)).toMatchObject({ hour: 12, start: at('2026-03-08T20:00:00Z') });
    // the 25th hour of 2025-11-02 (23:00 PST) is 23:00 of the 24-hour day a week earlier
    const fall = lastLocalHour(at('2025-11-03T08:00:00Z'), zone);
    expect(fall).toMatchObject({ hour: 24 });
    expect(localClock(fall.start, zone)).toBe('23:00');
    expect(sameHourLastWeek(fall, zone)).toMatchObject({ hour: 23, start: at('2025-10-27T06:00:00Z') });
    expect(fall.start - HOUR * 24).toBe(at('2025-11-02T07:00:00Z'));
  });
});
