/**
 * Where drop and spike find hours: a site's number for one hour (visitors, orders, revenue). Per-hour
 * rollups do not exist yet; until they do, `noHourlyHistory` knows no hour, so drop and spike rules stay
 * `ok` with `baseline: null` ("no data for the same hour last week yet"). A rollup only has to implement
 * this interface to make them work.
 */
import type { HourNumbers } from './evaluate.js';
import type { HourlyMetric } from './rules.js';

export interface HourlyHistory {
  /**
   * The site's metric over the hour starting at `hourStart` (epoch ms, a whole UTC hour); undefined when
   * there is no data for that hour.
   */
  hour(site: string, metric: HourlyMetric, hourStart: number): Promise<number | undefined>;
}

export const noHourlyHistory: HourlyHistory = { hour: async () => undefined };

const HOUR = 3_600_000;
const WEEK = 7 * 24 * HOUR;

/**
 * The last complete hour before `now` and the same hour a week earlier (168 hours: the same local hour
 * except across a daylight-saving change).
 */
export async function lastHour(
  history: HourlyHistory,
  site: string,
  metric: HourlyMetric,
  now: number,
): Promise<HourNumbers> {
  const hourStart = now - (now % HOUR) - HOUR;
  const [value, baseline] = await Promise.all([
    history.hour(site, metric, hourStart),
    history.hour(site, metric, hourStart - WEEK),
  ]);
  return { metric, hourStart, value, baseline };
}
