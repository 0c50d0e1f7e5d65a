/**
 * Every window key the scripts (`lua/apply.lua`) keep for one site, by name, so that removing a site can
 * delete them without scanning the keyspace. Buckets and minutes are named for the span in which the
 * scripts can have written them (they expire after `siteTtlMs`, which bounds that span; day rollups, for
 * the dates they are kept); derived-session
 * keys (`sess:<site>:<visitor>`) are not listed: they cannot be named without a scan and expire within
 * `sessionTimeoutMs` + 1 min on their own.
 */
import { MINUTE } from '../config.js';
import type { PartitionKeys } from '../keys.js';
import { bucketOf, minuteOf, type WindowSettings } from './arithmetic.js';
import { DAY_KEEP_MS, FIRST_SETS } from './days.js';
import { addDays, DAY } from './local-day.js';
import { GROUPS, siteTtlMs } from './params.js';

/** Keys named `<prefix><name>:<site>`. */
export const SITE_KEY_NAMES = [
  'vis',
  'ses',
  'buy',
  'ord',
  'wm',
  'agg:pages',
  'agg:commerce',
  'rank:pages',
  'rank:commerce',
  'agg:carts',
  'agg:checkout',
  'rank:carts',
  'rank:checkout',
  'names',
  'recent',
] as const;

export function siteWindowKeys(
  keys: PartitionKeys,
  site: string,
  now: number,
  settings: WindowSettings,
): string[] {
  const names = SITE_KEY_NAMES.map((name) => `${keys.prefix}${name}:${site}`);
  const span = siteTtlMs(settings) + settings.granularityMs;
  for (
    let b = bucketOf(now - span, settings.granularityMs);
    b <= bucketOf(now, settings.granularityMs) + 1;
    b++
  )
    for (const group of GROUPS) names.push(`${keys.prefix}b:${group}:${site}:${b}`);
  for (let m = minuteOf(now - span - MINUTE); m <= minuteOf(now) + 1; m++)
    names.push(`${keys.prefix}mpv:${site}:${m}`, `${keys.prefix}mv:${site}:${m}`);
  // the day rollups (windows/days.ts) of every date they can still hold in any time zone (a local
  // date is within a day of the UTC date)
  const utcDate = (t: number) => new Date(t).toISOString().slice(0, 10);
  const today = utcDate(now + DAY);
  const keepDays = Math.ceil((DAY_KEEP_MS.hours + DAY) / DAY) + 1;
  for (let d = 0; d <= keepDays; d++) {
    const date = addDays(today, -d);
    names.push(`${keys.prefix}day:${site}:${date}`);
    if (d > 3) continue;
    for (const set of Object.keys(FIRST_SETS)) names.push(`${keys.prefix}${set}:${site}:${date}`);
    for (let hour = 0; hour < 25; hour++) names.push(`${keys.prefix}dmin:${site}:${date}:${hour}`);
  }
  return names;
}
