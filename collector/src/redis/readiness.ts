/**
 * `/readyz` of the collector and of a standalone consumer: can this deployment count events now? Redis
 * answers, accepts a write (not out of memory, not a read-only replica, not failing to persist), still
 * has its setup (it did not lose its data), and every partition has its consumer group. Costs one small
 * write and one XINFO per partition, never anything per site.
 */
import type Redis from 'ioredis';
import type { PartitionKeys } from '../keys.js';
import { describeUnavailable, isRedisUnavailable } from './errors.js';
import { setupMarkerKey } from './setup.js';

export type Readiness = { ok: true } | { ok: false; error: string };

export async function readiness(
  redis: Redis,
  partitions: PartitionKeys[],
  group: string,
  keyPrefix: string,
): Promise<Readiness> {
  try {
    // SET is refused with OOM, READONLY or MISCONF exactly when an XADD would be
    await redis.set(`${keyPrefix}:readyz`, '1', 'PX', 60_000);
    if ((await redis.exists(setupMarkerKey(keyPrefix))) === 0)
      return { ok: false, error: 'Redis has lost its data (no setup marker): setting up again' };
    const pipeline = redis.pipeline();
    for (const keys of partitions) pipeline.xinfo('GROUPS', keys.stream);
    const results = (await pipeline.exec()) ?? [];
    const missing = results.filter(
      ([error, groups]) => error || !(groups as unknown[][]).some((info) => info.includes(group)),
    ).length;
    if (missing > 0) return { ok: false, error: `consumer group missing on ${missing} partitions` };
    return { ok: true };
  } catch (error) {
    if (isRedisUnavailable(error)) return { ok: false, error: describeUnavailable(error) };
    throw error;
  }
}
