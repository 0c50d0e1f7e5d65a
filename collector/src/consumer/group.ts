import type { RedisClient } from '../redis/client.js';
import type { PartitionKeys } from '../keys.js';

/**
 * Creates the consumer group (and the stream) if missing. It starts at id 0, so events written before
 * any consumer ran are processed too.
 */
export async function ensureGroup(redis: RedisClient, keys: PartitionKeys, group: string): Promise<void> {
  try {
    await redis.xgroup('CREATE', keys.stream, group, '0', 'MKSTREAM');
  } catch (error) {
    if (!String((error as Error).message).includes('BUSYGROUP')) throw error;
  }
}
