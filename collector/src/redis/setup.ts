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

/** Redis is set up in a way Cartpulse must not count on: the process refuses to go on. */
export class FatalSetupError extends Error {
  override name = 'FatalSetupError';
}

/** The eviction policy is wrong for Cartpulse: with it Redis may drop streams, groups and windows. */
export class EvictionPolicyError extends FatalSetupError {
  override name = 'EvictionPolicyError';
}

/** This Redis holds a deployment with another partition count: sites would map to other streams. */
export class PartitionCountError extends FatalSetupError {
  override name = 'PartitionCountError';
}

/** What the marker holds: the partition count the deployment was set up with (fixed for its life). */
export interface SetupMarker {
  partitions: number;
  at: number;
}

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
  const marker: SetupMarker = { partitions: partitions.length, at: Date.now() };
  await redis.set(setupMarkerKey(keyPrefix), JSON.stringify(marker));
}

const partitionCountMismatch = (found: number, configured: number) =>
  new PartitionCountError(
    `this Redis holds a Cartpulse deployment with ${found} partitions, but CARTPULSE_PARTITIONS is ${configured}: partitions are fixed for the life of a deployment, so set CARTPULSE_PARTITIONS=${found} (or start on an empty Redis).`,
  );

/** Refuses a marker written for another partition count. */
export function checkMarker(text: string, configured: number): void {
  let marker: Partial<SetupMarker> = {};
  try {
    marker = JSON.parse(text) as SetupMarker;
  } catch {
    return; // a marker from before the count was recorded: nothing to compare
  }
  if (typeof marker.partitions === 'number' && marker.partitions !== configured)
    throw partitionCountMismatch(marker.partitions, configured);
}

/**
 * Before the first setup, on a Redis without a marker: a deployment with more partitions than
 * configured has a stream numbered past the count; one written by a version that kept no marker (it
 * kept `cp:{pN}:sites` sets, which this one never writes) created every one of its partitions' streams,
 * so the highest tells its count. Streams a consumer or an ingest made a moment ago on an emptied Redis
 * prove nothing and are not counted against it. A SCAN, once, and only when there is no marker.
 */
export async function checkExistingPartitions(redis: RedisClient, keyPrefix: string, configured: number) {
  const escaped = keyPrefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const stream = new RegExp(`^${escaped}:\\{p(\\d+)\\}:events$`);
  let highest = -1;
  let older = false;
  for (const node of mastersOf(redis)) {
    let cursor = '0';
    do {
      const [next, names] = await node.scan(cursor, 'MATCH', `${keyPrefix}:{p*}:*`, 'COUNT', 1000);
      for (const name of names) {
        const index = Number(stream.exec(name)?.[1] ?? -1);
        if (index > highest) highest = index;
        if (name.endsWith('}:sites')) older = true;
      }
      cursor = next;
    } while (cursor !== '0');
  }
  if (highest >= configured || (older && highest + 1 !== configured))
    throw partitionCountMismatch(highest + 1, configured);
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
        "could not read Redis's maxmemory-policy (CONFIG GET is not allowed here): make sure it is noeviction, or Redis may evict streams and windows and events answered 202 would not be counted",
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
