/**
 * Every key the two Lua scripts touch, named before the call (Redis Cluster checks declared keys before
 * running a script, so a slot being moved makes the call wait instead of failing half-way; the scripts
 * refuse any key not named here). The buckets that leave a window depend on its watermarks, which the
 * caller passes along and the script checks: if another consumer moved them, it answers "stale".
 */
import type { PartitionKeys } from '../keys.js';
import type { Delta } from './delta.js';
import { type applyParams, GROUPS, type snapshotParams } from './params.js';
import { SITE_KEY_NAMES } from './site-keys.js';

/**
 * A site's watermarks: per group of `GROUPS` (params.ts), its first bucket and its highest bucket with
 * data; -1 for none.
 */
export type Watermarks = number[];
export const NO_WATERMARKS: Watermarks = GROUPS.flatMap(() => [-1, -1]);
/** The `wm:<site>` fields, in the order of `Watermarks`. */
export const WATERMARK_FIELDS: string[] = GROUPS.flatMap((group) => [group, `hi:${group}`]);

/** The buckets that leave a window moving from `wm` to `low` (mirrors lua/include/evicted.lua). */
export function leavingBuckets(wm: number, hi: number, low: number): number[] {
  if (wm < 0 || low <= wm) return [];
  const highest = hi < 0 ? wm - 1 : hi;
  if (low > highest) return []; // everything left: the aggregate is dropped whole, no bucket read
  return Array.from({ length: low - wm }, (_, i) => wm + i);
}

function siteKeys(keys: PartitionKeys, site: string, marks: Watermarks, lows: number[]) {
  const names = SITE_KEY_NAMES.map((name) => `${keys.prefix}${name}:${site}`);
  GROUPS.forEach((group, i) => {
    for (const b of leavingBuckets(marks[2 * i], marks[2 * i + 1], lows[i]))
      names.push(`${keys.prefix}b:${group}:${site}:${b}`);
  });
  return names;
}

export function applyKeys(
  keys: PartitionKeys,
  delta: Delta,
  params: ReturnType<typeof applyParams>,
  state: Record<string, Watermarks>,
): string[] {
  const names = new Set<string>([keys.stream]);
  for (const hour of Object.keys(delta.seen))
    for (let k = -1; k <= 1; k++) names.add(`${keys.prefix}seen:${Number(hour) + k}`);
  names.add(keys.allVisitors).add(keys.activeSites).add(keys.siteUsers);
  for (const [site, d] of Object.entries(delta.sites)) {
    for (const name of siteKeys(keys, site, state[site] ?? NO_WATERMARKS, params.lows)) names.add(name);
    for (const group of GROUPS)
      for (const b of Object.keys(d[group])) names.add(`${keys.prefix}b:${group}:${site}:${b}`);
    for (const m of Object.keys(d.minutePageviews)) names.add(`${keys.prefix}mpv:${site}:${m}`);
    for (const m of Object.keys(d.minuteVisitors)) names.add(`${keys.prefix}mv:${site}:${m}`);
  }
  for (const [site, change] of Object.entries(delta.changes)) {
    for (const vid of Object.keys(change.derived)) names.add(`${keys.prefix}sess:${site}:${vid}`);
    for (const key of Object.keys(change.attributions)) names.add(`${keys.prefix}sa:${site}:${key}`);
    for (const key of Object.keys(change.carts)) names.add(`${keys.prefix}cart:${site}:${key}`);
    for (const order of Object.keys(change.orders)) names.add(`${keys.prefix}order:${site}:${order}`);
    names.add(`${keys.prefix}segs:${site}`);
    for (const [date, day] of Object.entries(change.days)) {
      names.add(`${keys.prefix}day:${site}:${date}`);
      for (const hour of Object.keys(day.minutes)) names.add(`${keys.prefix}dmin:${site}:${date}:${hour}`);
    }
    for (const name of Object.keys(change.firsts)) {
      const [set, date] = name.split(':');
      names.add(`${keys.prefix}${set}:${site}:${date}`);
    }
  }
  return [...names];
}

export function snapshotKeys(
  keys: PartitionKeys,
  site: string,
  params: ReturnType<typeof snapshotParams>,
  marks: Watermarks,
): string[] {
  const names = [keys.stream, ...siteKeys(keys, site, marks, params.lows)];
  for (let m = params.firstMinute; m < params.firstMinute + params.minutes; m++)
    names.push(`${keys.prefix}mpv:${site}:${m}`, `${keys.prefix}mv:${site}:${m}`);
  return names;
}
