/**
 * Applies a batch of stream entries to the windows in one atomic Lua call, acknowledging them in the
 * same call. Exactly-once effects: the script refuses (and writes nothing) when any event id was applied
 * before; we then leave those events out and call again. A consumer killed at any point either applied
 * a batch with its XACK or did neither, and a replacement that claims the entries finds the same state.
 */
import type { RedisClient } from '../redis/client.js';
import type { PartitionKeys } from '../keys.js';
import type { StoredBatch } from '../protocol/stored-event.js';
import { buildDelta } from '../windows/delta.js';
import { type ApplySettings, applyParams } from '../windows/params.js';
import { engineCommands } from '../windows/lua/scripts.js';

export interface StreamBatch extends StoredBatch {
  /** Stream entry id. */
  entryId: string;
}

/** What lua/apply.lua answers. */
type ApplyReply = { status: 'ok' } | { status: 'dup'; ids: string[] };

export interface ApplyResult {
  /** Events that changed the windows. */
  applied: number;
  /** Events left out because an earlier delivery had already been applied. */
  duplicates: number;
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
  for (;;) {
    const delta = buildDelta(batches, now, settings, skip);
    const payload = JSON.stringify({
      ...params,
      prefix: keys.prefix,
      entries: batches.map((b) => b.entryId),
      ...delta,
    });
    const reply = JSON.parse(await scripted.cartpulseApply(keys.stream, group, payload)) as ApplyReply;
    if (reply.status === 'ok') return { applied: delta.ids.length, duplicates: skip.size };
    for (const id of reply.ids) skip.add(id);
  }
}
