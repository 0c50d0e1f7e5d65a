/**
 * Brute-force recount of a snapshot's days (`today`, `yesterday`, `lastWeek`, `hours`) from every
 * delivered event: local dates straight from `Intl`, day starts found by walking the minutes, sets of
 * distinct visitors and sessions. Slow and obvious on purpose; it shares none of windows/local-day.ts or
 * windows/days.ts.
 */
import type { Coverage, DayHours, DayNumbers } from '@cartpulse/protocol';
import type { StoredEvent } from '../protocol/stored-event.js';
import { horizonStart, REVENUE_UNITS, type WindowSettings } from '../windows/arithmetic.js';
import { orderRevenueUnits } from '../windows/delta.js';
import { averageOrderValues, conversionRate, type Snapshot } from '../windows/snapshot.js';
import type { Delivered } from './oracle.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export interface DaySettings extends WindowSettings {
  sessionTimeoutMs: number;
}

export type DaysRecount = Pick<Snapshot, 'today' | 'yesterday' | 'lastWeek' | 'hours'> & {
  /** Today's orders by who reported them. */
  coverage: Coverage;
};

const formats = new Map<string, Intl.DateTimeFormat>();
/** `YYYY-MM-DD HH:MM` on the wall clock of `timeZone`. */
function wall(t: number, timeZone: string): string {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('sv-SE', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(timeZone, format);
  }
  return format.format(t);
}
const dateOf = (t: number, timeZone: string) => wall(t, timeZone).slice(0, 10);

/** Every minute of a local date, in order: its start times. */
function minutesOf(date: string, timeZone: string): number[] {
  const midnight = Date.parse(`${date}T00:00:00Z`);
  const minutes: number[] = [];
  for (let t = midnight - 16 * HOUR; t < midnight + 40 * HOUR; t += MINUTE)
    if (dateOf(t, timeZone) === date) minutes.push(t);
  return minutes;
}

const shiftDate = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 24 * HOUR).toISOString().slice(0, 10);

interface Day {
  date: string;
  since: number;
  until: number;
}

function dayOf(date: string, timeZone: string): Day {
  const minutes = minutesOf(date, timeZone);
  return { date, since: minutes[0], until: minutes[minutes.length - 1] + MINUTE };
}

/** The start of the minute of `date` whose wall clock shows `hhmm`, or the first one after it. */
function sameMinute(day: Day, hhmm: string, timeZone: string): number {
  for (const t of minutesOf(day.date, timeZone)) if (wall(t, timeZone).slice(11) >= hhmm) return t;
  return day.until - MINUTE;
}

interface Counted {
  event: StoredEvent;
  session: string;
  /** First sighting of its order. */
  firstOrder: boolean;
}

/**
 * Each event once, in the order applied, with its session: its id; without one, derived by the gap, or,
 * for an event older than every window when it was delivered, the visitor's (`~<visitor>`: such an event
 * counts in its day only, and its neighbours are long gone).
 */
function counted(delivered: Delivered[], site: string, settings: DaySettings): Counted[] {
  const seen = new Set<string>();
  const orders = new Set<string>();
  const events: Counted[] = [];
  for (const d of delivered) {
    if (d.site !== site || seen.has(d.event.id)) continue;
    seen.add(d.event.id);
    const order = d.event.type === 'purchase' ? d.event.order : undefined;
    const firstOrder = order !== undefined && !orders.has(order);
    if (order !== undefined) orders.add(order);
    const old = d.at !== undefined && d.event.t < horizonStart(d.at, settings);
    events.push({ event: d.event, session: d.event.sid ?? (old ? `~${d.event.vid}` : ''), firstOrder });
  }
  const anonymous = new Map<string, Counted[]>();
  for (const c of events)
    if (c.session === '') {
      const list = anonymous.get(c.event.vid) ?? [];
      list.push(c);
      anonymous.set(c.event.vid, list);
    }
  for (const [vid, list] of anonymous) {
    let start = 0;
    let last = -Infinity;
    for (const c of [...list].sort((a, b) => a.event.t - b.event.t)) {
      if (c.event.t - last > settings.sessionTimeoutMs) start = c.event.t;
      last = Math.max(last, c.event.t);
      c.session = `${vid}~${start}`;
    }
  }
  return events;
}

/** Per metric (`vi`, `se`, `pv`, `by`, `or`, `o:<c>`, `r:<c>`), the hour of the day each count falls in. */
function countsByHour(events: Counted[], day: Day): Map<string, number[]> {
  const byHour = new Map<string, number[]>();
  const bump = (metric: string, t: number, n = 1) => {
    const list = byHour.get(metric) ?? [];
    const hour = Math.floor((t - day.since) / HOUR);
    list[hour] = (list[hour] ?? 0) + n;
    byHour.set(metric, list);
  };
  const first = new Map<string, number>();
  const earliest = (key: string, t: number) => {
    if (!first.has(key) || (first.get(key) as number) > t) first.set(key, t);
  };
  for (const { event, session, firstOrder } of events) {
    if (event.t < day.since || event.t >= day.until) continue;
    earliest(`vi ${event.vid}`, event.t);
    earliest(`se ${session}`, event.t);
    if (event.type === 'purchase') earliest(`by ${event.vid}`, event.t);
    if (event.type === 'pageview') bump('pv', event.t);
    if (firstOrder) {
      bump('or', event.t);
      const units = orderRevenueUnits(event);
      if (units > 0 && event.currency) {
        bump(`o:${event.currency}`, event.t);
        bump(`r:${event.currency}`, event.t, units);
      }
    }
  }
  for (const [key, t] of first) bump(key.slice(0, 2), t);
  return byHour;
}

/** Metric → count, over whole hours before `hour` plus `share` of that hour (rounded). */
function totals(byHour: Map<string, number[]>, hour: number, share: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [metric, list] of byHour) {
    let sum = 0;
    for (let h = 0; h < hour; h++) sum += list[h] ?? 0;
    out[metric] = sum + Math.round((list[hour] ?? 0) * share);
  }
  return out;
}

function numbers(day: Day, until: number, sums: Record<string, number>): DayNumbers {
  const revenue: Record<string, number> = {};
  for (const [metric, units] of Object.entries(sums))
    if (metric.startsWith('r:') && units !== 0) revenue[metric.slice(2)] = units / REVENUE_UNITS;
  return {
    since: day.since,
    until,
    visitors: sums.vi ?? 0,
    sessions: sums.se ?? 0,
    pageviews: sums.pv ?? 0,
    orders: sums.or ?? 0,
    revenue,
    conversionRate: conversionRate(sums.by ?? 0, sums.vi ?? 0),
    averageOrderValue: averageOrderValues(sums),
  };
}

function hours(day: Day, byHour: Map<string, number[]>, length: number): DayHours {
  const list = (metric: string, scale = 1) =>
    Array.from({ length }, (_, h) => (byHour.get(metric)?.[h] ?? 0) / scale);
  const revenue: Record<string, number[]> = {};
  for (const metric of byHour.keys())
    if (metric.startsWith('r:')) revenue[metric.slice(2)] = list(metric, REVENUE_UNITS);
  return {
    date: day.date,
    since: day.since,
    visitors: list('vi'),
    sessions: list('se'),
    pageviews: list('pv'),
    orders: list('or'),
    revenue,
  };
}

/**
 * @param delivered every delivery in processing order, duplicates included (the first one counts)
 * @param at the snapshot's time: today counts up to it, yesterday to the end of the same minute of the
 * day, a week ago whole hours and the current hour's share by minutes elapsed
 */
export function recountDays(
  delivered: Delivered[],
  site: string,
  at: number,
  timeZone: string,
  settings: DaySettings,
): DaysRecount {
  const events = counted(delivered, site, settings).filter((c) => c.event.t <= at);
  const today = dayOf(dateOf(at, timeZone), timeZone);
  const yesterday = dayOf(shiftDate(today.date, -1), timeZone);
  const lastWeek = dayOf(shiftDate(today.date, -7), timeZone);
  const hhmm = wall(at, timeZone).slice(11);

  const todayHours = countsByHour(events, today);
  const currentHour = Math.floor((at - today.since) / HOUR);
  const upTo = (day: Day, byHour: Map<string, number[]>, whole: boolean) => {
    const minute = sameMinute(day, hhmm, timeZone);
    const hour = Math.floor((minute - day.since) / HOUR);
    const minuteOfHour = Math.floor((minute - day.since - hour * HOUR) / MINUTE);
    if (whole) {
      // yesterday to the minute: recount the events up to the end of that minute
      return numbers(
        day,
        minute + MINUTE,
        totals(
          countsByHour(
            events.filter((c) => c.event.t < minute + MINUTE),
            day,
          ),
          25,
          0,
        ),
      );
    }
    return numbers(day, minute + MINUTE, totals(byHour, hour, (minuteOfHour + 1) / 60));
  };
  const yesterdayHours = countsByHour(events, yesterday);
  const lastWeekHours = countsByHour(events, lastWeek);
  const length = (day: Day) => Math.ceil((day.until - day.since) / HOUR);
  const todayNumbers = numbers(today, at, totals(todayHours, 25, 0));
  return {
    coverage: {
      browser: todayNumbers.orders,
      backend: 0,
      both: 0,
      browserShare: null,
      backendOnlyRevenue: {},
    },
    today: todayNumbers,
    yesterday: upTo(yesterday, yesterdayHours, true),
    lastWeek: upTo(lastWeek, lastWeekHours, false),
    hours: {
      stepMs: HOUR,
      today: hours(today, todayHours, currentHour + 1),
      yesterday: hours(yesterday, yesterdayHours, length(yesterday)),
      lastWeek: hours(lastWeek, lastWeekHours, length(lastWeek)),
    },
  };
}
