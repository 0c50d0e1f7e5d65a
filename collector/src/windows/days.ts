/**
 * Today against yesterday: the day rollups of a site, per local day of its time zone (local-day.ts).
 * Pure, like the rest of the delta: it decides what each event adds where; the apply script writes it.
 *
 * - `day:<site>:<date>`: a hash of `<metric>@<hour of the day>` (kept 8 days), and
 *   `dmin:<site>:<date>:<hour>`: `<metric>@<minute of the hour>` (kept 48 hours), so that "yesterday up
 *   to this minute" is whole hours plus the minutes of one.
 * - Visitors, sessions and buyers count in the hour (and minute) of their first event of the day:
 *   `dvis:`, `dses:`, `dbuy:<site>:<date>` hold each one's earliest time (kept until late events can no
 *   longer reach the day). An earlier event arriving late moves the count to its hour, so every sum up
 *   to a time is the exact number of distinct ones seen by then.
 */
import type { StoredEvent } from '../protocol/stored-event.js';
import { DAY, HOUR, hourIndex, type LocalDay, localDayOf } from './local-day.js';

/**
 * Metric names in the day rollups. Revenue is `r:<currency>` (in units), orders paid in it `o:<currency>`;
 * coverage (by hour only): orders only the browser saw `cb`, only the backend `cs`, both `cx`, and the
 * revenue of those only the backend saw `rs:<currency>`.
 */
export const DAY_METRIC = {
  pageviews: 'pv',
  visitors: 'vi',
  sessions: 'se',
  buyers: 'by',
  orders: 'or',
  browserOnly: 'cb',
  backendOnly: 'cs',
  both: 'cx',
} as const;

/** The sorted sets of first times, by the metric they feed. */
export const FIRST_SETS = { dvis: DAY_METRIC.visitors, dses: DAY_METRIC.sessions, dbuy: DAY_METRIC.buyers };
export type FirstSet = keyof typeof FIRST_SETS;

/** Events older than this when applied count in no day: their day's first times may be gone. */
export const DAY_HORIZON_MS = 26 * HOUR;
/** How long after its day ends each rollup is kept: hours 7 more days (8 in all), minutes one more. */
export const DAY_KEEP_MS = { hours: 7 * DAY, minutes: DAY, firsts: DAY_HORIZON_MS + HOUR } as const;

/** What a batch adds to one local day of a site. */
export interface DayChange {
  since: number;
  until: number;
  /** `<metric>@<hour>` → n. */
  hours: Record<string, number>;
  /** Hour → `<metric>@<minute of the hour>` → n. */
  minutes: Record<string, Record<string, number>>;
}

/** `<set>:<date>` → member → [its first time as read (`false`: none), its first time now]. */
export type FirstChanges = Record<string, Record<string, [expected: number | false, next: number]>>;

/** `<set>:<date>` → member → its first time as read; absent: none. */
export type FirstTimes = Record<string, Record<string, number>>;

export const firstSetName = (set: FirstSet, day: LocalDay) => `${set}:${day.date}`;

const add = (fields: Record<string, number>, field: string, n: number) => {
  fields[field] = (fields[field] ?? 0) + n;
};

export interface DayCounter {
  pageview(t: number): void;
  /** A visitor, session or buyer seen at `t`: counted if it is its first time of the day so far. */
  first(set: FirstSet, member: string, t: number): void;
  /** `n` more of `metric` at `t`, in its hour, and in its minute too unless `minutes` is false. */
  add(t: number, metric: string, n: number, minutes?: boolean): void;
}

/** Counts one site's events into its local days, from the first times read before (`read`). */
export function dayCounter(
  timeZone: string,
  read: FirstTimes,
  days: Record<string, DayChange>,
  firsts: FirstChanges,
): DayCounter {
  const count = (t: number, metric: string, n: number, minutes = true) => {
    if (n === 0) return;
    const day = localDayOf(t, timeZone);
    const change = (days[day.date] ??= { since: day.since, until: day.until, hours: {}, minutes: {} });
    const hour = hourIndex(day, t);
    add(change.hours, `${metric}@${hour}`, n);
    if (!minutes) return;
    const minute = Math.floor((t - day.since - hour * HOUR) / 60_000);
    add((change.minutes[hour] ??= {}), `${metric}@${minute}`, n);
  };
  return {
    pageview: (t) => count(t, DAY_METRIC.pageviews, 1),
    first(set, member, t) {
      const name = firstSetName(set, localDayOf(t, timeZone));
      const changed = (firsts[name] ??= {});
      const stored = read[name]?.[member];
      const known = member in changed ? changed[member][1] : stored;
      if (known !== undefined && known <= t) return;
      const metric = FIRST_SETS[set];
      if (known !== undefined) count(known, metric, -1);
      count(t, metric, 1);
      changed[member] = [stored ?? false, t];
    },
    add: count,
  };
}

/** The members whose first times a batch's events need, per `<set>:<date>` (for the state read). */
export function firstsWanted(
  events: { event: StoredEvent; session: string }[],
  timeZone: string,
  into: Record<string, Set<string>>,
): void {
  const want = (set: FirstSet, t: number, member: string) =>
    (into[firstSetName(set, localDayOf(t, timeZone))] ??= new Set()).add(member);
  for (const { event, session } of events) {
    if (event.origin === 'backend') continue;
    want('dvis', event.t, event.vid);
    want('dses', event.t, session);
    if (event.type === 'purchase') want('dbuy', event.t, event.vid);
  }
}
