/**
 * What a Cartpulse deployment needs in Redis before it can count, and how a process notices that Redis
 * lost it. Setup creates each partition's consumer group (at `0`, so entries written to a fresh stream are
 * counted) and then writes the marker key `<prefix>:setup`. A Redis that restarted without its data, was
 * flushed, or failed over to an empty replica has no marker: the next check runs setup again.
 */
import { Cluster } from 'ioredis';
import { mastersOf, type RedisClient } from './client.js';
import { ensureGroup } from '../consumer/group.js';
import type { PartitionKeys } from '../keys.js';

export const setupMarkerKey = (keyPrefix: string) => `${keyPrefix}:setup`;

/** Groups, then `beforeMarker` (the registry's write-back), then the marker: a failure half-way is redone. */
export async function runSetup(
  redis: RedisClient,
  partitions: PartitionKeys[],
  group: string,
  keyPrefix: string,
  beforeMarker: () => Promise<void> = async () => {},
) {
  for (const keys of partitions) await ensureGroup(redis, keys, group);
  await beforeMarker();
  await redis.set(setupMarkerKey(keyPrefix), String(Date.now()));
}

/** The eviction policy is wrong for Cartpulse: with it Redis may drop streams, groups and windows. */
export class EvictionPolicyError extends Error {
  override name = 'EvictionPolicyError';
}

export type EvictionCheck = { ok: true } | { ok: false; warning: string };

/**
 * Reads `maxmemory-policy`: `noeviction` is fine; anything else throws EvictionPolicyError unless
 * allowed; a Redis that does not allow `CONFIG GET` (some managed services) gives a warning to log.
 */
export async function checkEvictionPolicy(
  redis: RedisClient,
  allowEviction: boolean,
): Promise<EvictionCheck> {
  let policy: string | undefined;
  try {
    const reply = (await redis.config('GET', 'maxmemory-policy')) as string[];
    policy = reply[1];
  } catch (error) {
    if (!/unknown command|NOPERM|not allowed|disabled|ERR/i.test(String((error as Error).message)))
      throw error;
  }
  if (policy === undefined)
    return {
      ok: false,
      warning:
        "could not read Redis's maxmemory-policy (CONFIG GET is not allowed here): make sure it is noeviction, or RedisClient may evict streams and windows and events answered 202 would not be counted",
    };
  if (policy === 'noeviction') return { ok: true };
  if (allowEviction)
    return {
      ok: false,
      warning: `Redis's maxmemory-policy is ${policy}: evicted keys lose counted events (started anyway: CARTPULSE_ALLOW_EVICTION=1)`,
    };
  throw new EvictionPolicyError(
    `Redis's maxmemory-policy is ${policy}, so it may evict Cartpulse's streams and windows and lose events it acknowledged: set maxmemory-policy noeviction (or CARTPULSE_ALLOW_EVICTION=1 to start anyway).`,
  );
}
