/**
 * Every key the two Lua scripts touch, named before the call (Redis Cluster checks declared keys before
 * running a script, so a slot being moved makes the call wait instead of failing half-way; the scripts
 * refuse any key not named here). The buckets that leave a window depend on its watermarks, which the
 * caller passes along and the script checks: if another consumer moved them, it answers "stale".
 */
import type { PartitionKeys } from '../keys.js';
import type { Delta } from './delta.js';
import type { applyParams, snapshotParams } from './params.js';
import { SITE_KEY_NAMES } from './site-keys.js';

/** A site's watermarks: first bucket and highest bucket with data, of pages then commerce; -1 for none. */
export type Watermarks = [pages: number, pagesHi: number, commerce: number, commerceHi: number];
export const NO_WATERMARKS: Watermarks = [-1, -1, -1, -1];

/** The buckets that leave a window moving from `wm` to `low` (mirrors lua/include/evicted.lua). */
export function leavingBuckets(wm: number, hi: number, low: number): number[] {
  if (wm < 0 || low <= wm) return [];
  const highest = hi < 0 ? wm - 1 : hi;
  if (low > highest) return []; // everything left: the aggregate is dropped whole, no bucket read
  return Array.from({ length: low - wm }, (_, i) => wm + i);
}

function siteKeys(
  keys: PartitionKeys,
  site: string,
  marks: Watermarks,
  pagesLow: number,
  commerceLow: number,
) {
  const names = SITE_KEY_NAMES.map((name) => `${keys.prefix}${name}:${site}`);
  for (const b of leavingBuckets(marks[0], marks[1], pagesLow))
    names.push(`${keys.prefix}b:pages:${site}:${b}`);
  for (const b of leavingBuckets(marks[2], marks[3], commerceLow))
    names.push(`${keys.prefix}b:commerce:${site}:${b}`);
  return names;
}

export function applyKeys(
  keys: PartitionKeys,
  delta: Delta,
  params: ReturnType<typeof applyParams>,
  state: Record<string, Watermarks>,
): string[] {
  const names = new Set<string>([keys.stream]);
  for (let k = 0; k < params.dedupeGenerations; k++) names.add(`${keys.prefix}seen:${params.generation - k}`);
  names.add(keys.allVisitors).add(keys.activeSites).add(keys.siteUsers);
  for (const [site, d] of Object.entries(delta.sites)) {
    for (const name of siteKeys(
      keys,
      site,
      state[site] ?? NO_WATERMARKS,
      params.pagesLow,
      params.commerceLow,
    ))
      names.add(name);
    for (const b of Object.keys(d.pages)) names.add(`${keys.prefix}b:pages:${site}:${b}`);
    for (const b of Object.keys(d.commerce)) names.add(`${keys.prefix}b:commerce:${site}:${b}`);
    for (const m of Object.keys(d.minutePageviews)) names.add(`${keys.prefix}mpv:${site}:${m}`);
    for (const m of Object.keys(d.minuteVisitors)) names.add(`${keys.prefix}mv:${site}:${m}`);
  }
  for (const [site, change] of Object.entries(delta.changes)) {
    for (const vid of Object.keys(change.derived)) names.add(`${keys.prefix}sess:${site}:${vid}`);
    for (const key of Object.keys(change.attributions)) names.add(`${keys.prefix}sa:${site}:${key}`);
    names.add(`${keys.prefix}segs:${site}`);
  }
  return [...names];
}

export function snapshotKeys(
  keys: PartitionKeys,
  site: string,
  params: ReturnType<typeof snapshotParams>,
  marks: Watermarks,
): string[] {
  const names = [keys.stream, ...siteKeys(keys, site, marks, params.pagesLow, params.commerceLow)];
  for (let m = params.firstMinute; m < params.firstMinute + params.minutes; m++)
    names.push(`${keys.prefix}mpv:${site}:${m}`, `${keys.prefix}mv:${site}:${m}`);
  return names;
}
