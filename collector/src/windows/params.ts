/** The time-dependent parameters both Lua scripts receive, computed in one place from the clock. */
import { MINUTE } from '../config.js';
import { firstBucket, firstMinute, horizonStart, type WindowSettings, windowStart } from './arithmetic.js';
import { DAY_HORIZON_MS, DAY_KEEP_MS } from './days.js';
import { RECENT_EVENTS } from './delta.js';
import { HOUR } from './local-day.js';

/** Live carts: sessions with items in their cart and an event within this long. */
export const CARTS_WINDOW_MS = 30 * MINUTE;
/** Checking out and purchased: sessions that began checkout, or bought, within this long. */
export const CHECKOUT_WINDOW_MS = 10 * MINUTE;

/**
 * The bucketed window groups, in the order of their watermarks (`Watermarks`): each has its buckets
 * `b:<group>:<site>:<bucket>`, running sums `agg:<group>:<site>`, ranking `rank:<group>:<site>`, and
 * its watermarks `<group>`, `hi:<group>` in `wm:<site>`.
 */
export const GROUPS = ['pages', 'commerce', 'carts', 'checkout'] as const;
export type Group = (typeof GROUPS)[number];

/** Each group's window length. */
export function groupWindows(settings: WindowSettings): Record<Group, number> {
  return {
    pages: settings.windows.pagesMs,
    commerce: settings.windows.commerceMs,
    carts: CARTS_WINDOW_MS,
    checkout: CHECKOUT_WINDOW_MS,
  };
}

/** Each group's first bucket inside its window at `now`, in the order of `GROUPS`. */
export function groupLows(now: number, settings: WindowSettings): number[] {
  const lengths = groupWindows(settings);
  return GROUPS.map((group) => firstBucket(now, lengths[group], settings.granularityMs));
}

/** The longest window any group or count keeps (a bucket must outlive two of them: `bucketTtlMs`). */
export function longestWindow(settings: WindowSettings): number {
  return Math.max(settings.windows.activeMs, ...Object.values(groupWindows(settings)));
}

/**
 * Orders are remembered this long after their first sighting, so a purchase sent again later adds no
 * revenue: longer than any event can be late and still count (`DAY_HORIZON_MS`).
 */
export const ORDER_MEMORY_MS = DAY_HORIZON_MS + HOUR;

export interface ApplySettings extends WindowSettings {
  sessionTimeoutMs: number;
  /** Count sessions in breakdowns and segments (`CARTPULSE_BREAKDOWNS`). */
  breakdowns: boolean;
}

export function applyParams(now: number, settings: ApplySettings) {
  const { windows, granularityMs } = settings;
  const longest = longestWindow(settings);
  return {
    now,
    granularityMs,
    groups: GROUPS,
    lows: groupLows(now, settings),
    activeStart: windowStart(now, windows.activeMs, granularityMs),
    distinctStart: windowStart(now, Math.max(windows.activeMs, windows.commerceMs), granularityMs),
    orderMemoryMs: ORDER_MEMORY_MS,
    siteTtlMs: siteTtlMs(settings),
    // Event ids are kept per hour of the event's time, until no event of that hour (or the next, whose
    // retries look into it) can still be applied: the end of the next hour plus the day horizon.
    hourMs: HOUR,
    seenKeepMs: 2 * HOUR + DAY_HORIZON_MS,
    dayKeepMs: DAY_KEEP_MS,
    // a bucket is read one last time when it leaves its window, at most about two windows after its time
    bucketTtlMs: 2 * longest + 2 * granularityMs,
    minuteTtlMs: (settings.seriesMinutes + 2) * MINUTE,
    sessionTimeoutMs: settings.sessionTimeoutMs,
    sessionTtlMs: settings.sessionTimeoutMs + MINUTE,
    recentEvents: RECENT_EVENTS,
  };
}

/**
 * How long a site's keys outlive its last event: longer than the longest window and the per-minute
 * series, so a site that goes quiet leaves nothing behind, and one that is busy never loses a key.
 */
export function siteTtlMs(settings: WindowSettings): number {
  const { granularityMs } = settings;
  const longest = longestWindow(settings);
  return Math.max(2 * longest + 2 * granularityMs, (settings.seriesMinutes + 2) * MINUTE);
}

export const TOP_ENTRIES = 10;

export function snapshotParams(now: number, settings: WindowSettings) {
  const { windows, granularityMs } = settings;
  return {
    groups: GROUPS,
    lows: groupLows(now, settings),
    activeStart: windowStart(now, windows.activeMs, granularityMs),
    commerceStart: windowStart(now, windows.commerceMs, granularityMs),
    firstMinute: firstMinute(now, settings.seriesMinutes),
    minutes: settings.seriesMinutes,
    top: TOP_ENTRIES,
    recentEvents: RECENT_EVENTS,
    siteTtlMs: siteTtlMs(settings),
  };
}
