/** Test helper: waits until every partition's consumer group has processed everything in its stream. */
import type { RedisClient } from '../redis/client.js';
import type { PartitionKeys } from '../keys.js';

export async function processedEverything(redis: RedisClient, partitions: PartitionKeys[], group: string) {
  for (const keys of partitions) {
    const stream = (await redis.xinfo('STREAM', keys.stream)) as (string | number)[];
    const lastId = String(stream[stream.indexOf('last-generated-id') + 1]);
    const groups = (await redis.xinfo('GROUPS', keys.stream)) as (string | number)[][];
    const info = groups.find((g) => g[g.indexOf('name') + 1] === group);
    if (!info) return false;
    if (Number(info[info.indexOf('pending') + 1]) > 0) return false;
    if (lastId !== '0-0' && String(info[info.indexOf('last-delivered-id') + 1]) !== lastId) return false;
  }
  return true;
}

export async function waitUntilProcessed(
  redis: RedisClient,
  partitions: PartitionKeys[],
  group: string,
  timeoutMs = 60_000,
) {
  const deadline = Date.now() + timeoutMs;
  while (!(await processedEverything(redis, partitions, group))) {
    if (Date.now() > deadline) throw new Error('the consumers did not catch up in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
