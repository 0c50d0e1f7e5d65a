/**
 * The consumer baseline: the same reads as the real consumer (one loop per partition, XREADGROUP in a
 * group, readCount entries at a time) and an XACK of what it read, with no parsing and no aggregation.
 * It stops when the streams hold nothing more for it.
 */
import Redis from 'ioredis';
import type { CartpulseOptions } from '../src/config.js';
import { ensureGroup } from '../src/consumer/group.js';
import { allPartitionKeys, type PartitionKeys } from '../src/keys.js';

type Entry = [id: string, fields: string[]];

/** Reads and acknowledges everything in every partition's stream; returns the entries it read. */
export async function drainWithoutAggregation(
  options: Pick<CartpulseOptions, 'redisUrl' | 'keyPrefix' | 'partitions' | 'readCount'>,
  group: string,
): Promise<number> {
  const partitions = allPartitionKeys(options.keyPrefix, options.partitions);
  const counts = await Promise.all(partitions.map((keys) => drainPartition(options, keys, group)));
  return counts.reduce((sum, n) => sum + n, 0);
}

async function drainPartition(
  options: Pick<CartpulseOptions, 'redisUrl' | 'readCount'>,
  keys: PartitionKeys,
  group: string,
): Promise<number> {
  const redis = new Redis(options.redisUrl);
  try {
    await ensureGroup(redis, keys, group);
    let read = 0;
    for (;;) {
      const reply = (await redis.call(
        'XREADGROUP',
        'GROUP',
        group,
        'baseline',
        'COUNT',
        options.readCount,
        'STREAMS',
        keys.stream,
        '>',
      )) as [string, Entry[]][] | null;
      const entries = reply?.[0]?.[1] ?? [];
      if (entries.length === 0) return read;
      await redis.xack(keys.stream, group, ...entries.map(([id]) => id));
      read += entries.length;
    }
  } finally {
    redis.disconnect();
  }
}
