import Redis from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveOptions } from '../config.js';
import { allPartitionKeys } from '../keys.js';
import { privateRedis } from '../testing/redis.js';
import { startConsumer } from './consumer.js';
import { fairShare, startIndex } from './leases.js';

describe('fair shares', () => {
  it('round up, and start where the name says', () => {
    expect([1, 2, 3, 5, 64].map((live) => fairShare(64, live))).toEqual([64, 32, 22, 13, 1]);
    expect(fairShare(8, 0)).toBe(8);
    expect(startIndex('a', 64)).not.toBe(startIndex('b', 64));
    expect(startIndex('consumer-7', 64)).toBeLessThan(64);
  });
});

describe('partition leases between consumers', async () => {
  const server = await privateRedis();
  const redis = new Redis(server.url);
  afterAll(() => redis.disconnect());
  const options = resolveOptions({ redisUrl: server.url, partitions: 8, leaseMs: 1500 });
  const partitions = allPartitionKeys(options.keyPrefix, options.partitions);
  const holders = async () => Promise.all(partitions.map((keys) => redis.get(keys.lease)));
  const count = (owners: (string | null)[], name: string) => owners.filter((owner) => owner === name).length;

  it('splits the partitions evenly, and hands a stopped consumer’s over to the others', async () => {
    const a = await startConsumer({ ...options, consumerName: 'a' });
    await expect.poll(async () => count(await holders(), 'a'), { timeout: 5_000 }).toBe(8);
    const b = await startConsumer({ ...options, consumerName: 'b' });
    await expect
      .poll(
        async () => {
          const owners = await holders();
          return [count(owners, 'a'), count(owners, 'b')];
        },
        { timeout: 10_000 },
      )
      .toEqual([4, 4]);
    await b.stop();
    await expect.poll(async () => count(await holders(), 'a'), { timeout: 10_000 }).toBe(8);
    await a.stop();
    expect(await holders()).toEqual(Array(8).fill(null));
  });

  it('takes over the partitions of a consumer that died, once its leases expire', async () => {
    // a consumer that stops renewing: its leases are left as they were
    for (const keys of partitions) await redis.set(keys.lease, 'dead', 'PX', 1500);
    const c = await startConsumer({ ...options, consumerName: 'c' });
    await expect.poll(async () => count(await holders(), 'c'), { timeout: 10_000 }).toBe(8);
    await c.stop();
  });
});
