/**
 * A site's local days: what "today" means in its time zone (the site's registration, `UTC` when none).
 * A day runs from its first instant (local midnight, or the first time after it when midnight does not
 * exist) to the next day's; it can last 23, 24 or 25 hours where the clocks change. Pure, cached per
 * zone: `Intl` is slow, and a consumer asks about the same few days all the time.
 */
import { MINUTE } from '../config.js';

export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export interface LocalDay {
  /** `YYYY-MM-DD`, the local date. */
  date: string;
  /** First instant of the day, epoch ms. */
  since: number;
  /** First instant of the next day, epoch ms. */
  until: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function formatOf(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formats.set(timeZone, format);
  }
  return format;
}

/** The local wall time of `t` read as if it were UTC (so `wallOf(t) - t` is the zone's offset at `t`). */
function wallOf(t: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const { type, value } of formatOf(timeZone).formatToParts(t)) parts[type] = Number(value);
  const second = Math.floor(t / 1000) * 1000;
  return (
    Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second) + (t - second)
  );
}

/** Whether `Intl` knows the zone. */
export function isTimeZone(name: string): boolean {
  try {
    formatOf(name);
    return true;
  } catch {
    return false;
  }
}

const dateText = (wall: number) => new Date(wall).toISOString().slice(0, 10);

/** The local date of `t`. */
export const localDateOf = (t: number, timeZone: string) => dateText(wallOf(t, timeZone));

/** The date `days` after `date` (negative: before), on the calendar. */
export function addDays(date: string, days: number): string {
  return dateText(Date.parse(`${date}T00:00:00Z`) + days * DAY);
}

/** First instant whose local date is `date` (no zone is ever more than 15 hours off UTC). */
function startOf(date: string, timeZone: string): number {
  const utcMidnight = Date.parse(`${date}T00:00:00Z`);
  let low = utcMidnight - 15 * HOUR;
  let high = utcMidnight + 15 * HOUR;
  // the answer is in (low, high]: the date at `low` is earlier, at `high` it is `date` or later
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (localDateOf(middle, timeZone) < date) low = middle;
    else high = middle;
  }
  return high;
}

const days = new Map<string, Map<string, LocalDay>>();
/** Days remembered per zone before the memory is dropped (a miss only costs a few `Intl` calls). */
const DAYS_KEPT = 64;

/** The local day called `date`. */
export function localDay(date: string, timeZone: string): LocalDay {
  let zone = days.get(timeZone);
  if (!zone) days.set(timeZone, (zone = new Map()));
  let day = zone.get(date);
  if (!day) {
    if (zone.size >= DAYS_KEPT) zone.clear();
    day = { date, since: startOf(date, timeZone), until: startOf(addDays(date, 1), timeZone) };
    zone.set(date, day);
  }
  return day;
}

const latestDay = new Map<string, LocalDay>();

/** The local day `t` falls in. */
export function localDayOf(t: number, timeZone: string): LocalDay {
  const recent = latestDay.get(timeZone);
  if (recent && t >= recent.since && t < recent.until) return recent;
  const day = localDay(localDateOf(t, timeZone), timeZone);
  latestDay.set(timeZone, day);
  return day;
}

/**
 * The instant on `date` showing the same wall-clock time as `t` does on its own day ("yesterday at 14:05"
 * when it is 14:05 now). A time the clocks skipped that day is taken as the instant they jumped over it;
 * a time they showed twice, as the first; always inside the day.
 */
export function sameTimeOn(date: string, t: number, timeZone: string): number {
  const wall = wallOf(t, timeZone);
  const target = Date.parse(`${date}T00:00:00Z`) + (wall - Date.parse(`${dateText(wall)}T00:00:00Z`));
  const day = localDay(date, timeZone);
  // a day has at most two offsets: the one it starts with and the one it ends with
  const offset = (at: number) => wallOf(at, timeZone) - at;
  const candidates = [target - offset(day.since), target - offset(day.until - 1)];
  const valid = candidates.filter((at) => wallOf(at, timeZone) === target);
  let at: number;
  if (valid.length > 0) at = Math.min(...valid);
  else {
    // the clocks jumped over it: the first instant whose wall time is past it
    let low = Math.min(...candidates);
    let high = Math.max(...candidates);
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2);
      if (wallOf(middle, timeZone) > target) high = middle;
      else low = middle;
    }
    at = high;
  }
  return Math.min(day.until - 1, Math.max(day.since, at));
}

/** Whole hours from the start of `day` to `t`: the index of `t`'s hour in the day's series. */
export const hourIndex = (day: LocalDay, t: number) => Math.floor((t - day.since) / HOUR);

/** Whole minutes from the start of `day` to `t`. */
export const minuteIndex = (day: LocalDay, t: number) => Math.floor((t - day.since) / MINUTE);

/** Hours in the day's series: 23, 24 or 25 where the clocks change. */
export const hoursIn = (day: LocalDay) => Math.ceil((day.until - day.since) / HOUR);
