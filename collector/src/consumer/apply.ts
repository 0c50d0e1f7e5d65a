/**
 * Applies a batch of stream entries to the windows in one atomic Lua call, acknowledging them in the
 * same call. Exactly-once effects: the script refuses (and writes nothing) when any event id was applied
 * before; we then leave those events out and call again. A consumer killed at any point either applied
 * a batch with its XACK or did neither, and a replacement that claims the entries finds the same state.
 */
import type Redis from 'ioredis';
import type { PartitionKeys } from '../keys.js';
import type { StoredBatch } from '../protocol/stored-event.js';
import { buildDelta } from '../windows/delta.js';
import { type ApplySettings, applyParams } from '../windows/params.js';
import { APPLY_SCRIPT } from '../windows/scripts.js';

export interface StreamBatch extends StoredBatch {
  /** Stream entry id. */
  entryId: string;
}

type ScriptRedis = Redis & {
  cartpulseApply(stream: string, group: string, payload: string): Promise<unknown[]>;
};

export function defineApplyScript(redis: Redis): ScriptRedis {
  const scripted = redis as ScriptRedis;
  if (typeof scripted.cartpulseApply !== 'function')
    redis.defineCommand('cartpulseApply', { numberOfKeys: 1, lua: APPLY_SCRIPT });
  return scripted;
}

export interface ApplyResult {
  /** Events that changed the windows. */
  applied: number;
  /** Events left out because an earlier delivery had already been applied. */
  duplicates: number;
}

export async function applyBatches(
  redis: Redis,
  keys: PartitionKeys,
  group: string,
  batches: StreamBatch[],
  now: number,
  settings: ApplySettings,
): Promise<ApplyResult> {
  const scripted = defineApplyScript(redis);
  const params = applyParams(now, settings);
  const skip = new Set<string>();
  for (;;) {
    const delta = buildDelta(batches, now, settings, skip);
    const payload = JSON.stringify({
      ...params,
      prefix: keys.prefix,
      entries: batches.map((b) => b.entryId),
      ...delta,
    });
    const [status, dups] = (await scripted.cartpulseApply(keys.stream, group, payload)) as [
      string,
      string[]?,
    ];
    if (status === 'ok') return { applied: delta.ids.length, duplicates: skip.size };
    for (const id of dups ?? []) skip.add(id);
  }
}
