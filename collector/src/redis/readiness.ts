/**
 * `/readyz` of the collector and of a standalone consumer: can this deployment count events now? Redis
 * answers, accepts a write (not out of memory, not a read-only replica, not failing to persist), still
 * has its setup (it did not lose its data), and every partition has its consumer group. Costs one small
 * write and one XINFO per partition, never anything per site.
 */
import type { RedisClient } from './client.js';
import type { PartitionKeys } from '../keys.js';
import { describeUnavailable, isRedisUnavailable } from './errors.js';
import { setupMarkerKey } from './setup.js';

export type Readiness = { ok: true } | { ok: false; error: string };

export async function readiness(
  redis: RedisClient,
  partitions: PartitionKeys[],
  group: string,
  keyPrefix: string,
): Promise<Readiness> {
  try {
    // SET is refused with OOM, READONLY or MISCONF exactly when an XADD would be
    await redis.set(`${keyPrefix}:readyz`, '1', 'PX', 60_000);
    if ((await redis.exists(setupMarkerKey(keyPrefix))) === 0)
      return { ok: false, error: 'Redis has lost its data (no setup marker): setting up again' };
    // one call per partition (partitions live on different shards of a cluster), all at once
    const results = await Promise.all(
      partitions.map((keys) =>
        redis.xinfo('GROUPS', keys.stream).then(
          (groups) => (groups as unknown[][]).some((info) => info.includes(group)),
          (error: Error) => {
            if (isRedisUnavailable(error)) throw error;
            return false; // no such stream yet
          },
        ),
      ),
    );
    const missing = results.filter((hasGroup) => !hasGroup).length;
    if (missing > 0) return { ok: false, error: `consumer group missing on ${missing} partitions` };
    return { ok: true };
  } catch (error) {
    if (isRedisUnavailable(error)) return { ok: false, error: describeUnavailable(error) };
    throw error;
  }
}
