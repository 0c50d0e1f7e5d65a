/**
 * Applies a batch of stream entries to the windows in one atomic Lua call, acknowledging them in the
 * same call. Exactly-once effects: the script refuses (and writes nothing) when any event id was applied
 * before; we then leave those events out and call again. A consumer killed at any point either applied
 * a batch with its XACK or did neither, and a replacement that claims the entries finds the same state.
 *
 * The delta is decided on state read first (windows/state.ts); the script checks that state is unchanged
 * and answers "stale" when it is not (another consumer applied meanwhile): we read again.
 */
import type { PartitionKeys } from '../keys.js';
import type { StoredBatch } from '../protocol/stored-event.js';
import type { RedisClient } from '../redis/client.js';
import { countBatch, countBreakdownVisitors, type Delta } from '../windows/delta.js';
import { engineCommands } from '../windows/lua/scripts.js';
import { type ApplySettings, applyParams } from '../windows/params.js';
import { applyKeys, type Watermarks } from '../windows/script-keys.js';
import { readDayState, readSegmentState, readSessionState } from '../windows/state.js';

export interface StreamBatch extends StoredBatch {
  /** Stream entry id. */
  entryId: string;
}

/** What lua/apply.lua answers. */
type ApplyReply =
  | { status: 'ok'; state: Record<string, Watermarks> }
  | { status: 'stale'; state: Record<string, Watermarks> }
  | { status: 'dup'; ids: string[] };

/**
 * The watermarks each site's keys were last chosen for, by partition prefix and site: the apply script
 * answers them after each call, so the next call names the right buckets at once (a wrong guess costs
 * one "stale" answer and a second call, never a wrong write).
 */
const watermarks = new Map<string, Watermarks>();
/** Beyond this many sites the memory is dropped whole (a wrong guess only costs a second call). */
const WATERMARKS_KEPT = 100_000;

export interface ApplyResult {
  /** Events that changed the windows. */
  applied: number;
  /** Events left out because an earlier delivery had already been applied. */
  duplicates: number;
  /** Events left out because they were more than a day old when applied (windows/days.ts `DAY_HORIZON_MS`). */
  tooOld: number;
}

export async function applyBatches(
  redis: RedisClient,
  keys: PartitionKeys,
  group: string,
  batches: StreamBatch[],
  now: number,
  settings: ApplySettings,
): Promise<ApplyResult> {
  const scripted = engineCommands(redis);
  const params = applyParams(now, settings);
  const skip = new Set<string>();
  let delta: Delta | undefined;
  for (;;) {
    if (!delta) {
      const state = await readSessionState(redis, keys, batches, settings.breakdowns);
      await readDayState(redis, keys, batches, now, settings, state);
      delta = countBatch(batches, now, settings, state, skip);
      if (settings.breakdowns) await readSegmentState(redis, keys, delta, state);
      countBreakdownVisitors(delta, now, settings, state);
    }
    const state: Record<string, Watermarks> = {};
    for (const site of Object.keys(delta.sites)) {
      const known = watermarks.get(keys.prefix + site);
      if (known) state[site] = known;
    }
    const payload = JSON.stringify({
      ...params,
      prefix: keys.prefix,
      channel: keys.applied,
      entries: batches.map((b) => b.entryId),
      state,
      ...delta,
    });
    const names = applyKeys(keys, delta, params, state);
    const reply = JSON.parse(
      await scripted.cartpulseApply(names.length, ...names, group, payload),
    ) as ApplyReply;
    if (reply.status === 'dup') {
      for (const id of reply.ids) skip.add(id);
      delta = undefined;
      continue;
    }
    if (watermarks.size > WATERMARKS_KEPT) watermarks.clear();
    for (const [site, marks] of Object.entries(reply.state ?? {})) watermarks.set(keys.prefix + site, marks);
    if (reply.status === 'ok') return { applied: delta.applied, duplicates: skip.size, tooOld: delta.tooOld };
    // stale: the watermarks moved (only the keys change) or the state did (read it again)
    if (watermarksMoved(reply.state, state)) continue;
    delta = undefined;
  }
}

/** True when only the watermarks explain a "stale" answer: the keys change, the delta does not. */
function watermarksMoved(now: Record<string, Watermarks>, assumed: Record<string, Watermarks>): boolean {
  for (const [site, marks] of Object.entries(now)) {
    const before = assumed[site];
    if (!before || before.some((value, i) => value !== marks[i])) return true;
  }
  return false;
}
