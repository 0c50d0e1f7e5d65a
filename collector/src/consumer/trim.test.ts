import Redis from 'ioredis';
import { describe, expect, it } from 'vitest';
import { partitionKeys } from '../keys.js';
import { privateRedis } from '../testing/redis.js';
import { ensureGroup } from './group.js';
import { compareIds, safeTrimId } from './trim.js';

describe('stream trimming', async () => {
  const server = await privateRedis();
  const redis = new Redis(server.url);
  const keys = partitionKeys('cp', 0);
  await ensureGroup(redis, keys, 'g');

  it('compares stream ids numerically', () => {
    expect(compareIds('9-0', '10-0')).toBe(-1);
    expect(compareIds('10-2', '10-10')).toBe(-1);
    expect(compareIds('10-2', '10-2')).toBe(0);
  });

  it('never trims what a group has not processed', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 500; i++) ids.push((await redis.xadd(keys.stream, '*', 'n', String(i))) as string);
    expect(await safeTrimId(redis, keys.stream)).toBeNull(); // nothing delivered yet

    await redis.xreadgroup('GROUP', 'g', 'c1', 'COUNT', 200, 'STREAMS', keys.stream, '>');
    expect(await safeTrimId(redis, keys.stream)).toBe(ids[0]); // delivered, none acknowledged

    await redis.xack(keys.stream, 'g', ...ids.slice(0, 150));
    expect(await safeTrimId(redis, keys.stream)).toBe(ids[150]); // oldest still pending

    await redis.xack(keys.stream, 'g', ...ids.slice(150, 200));
    expect(await safeTrimId(redis, keys.stream)).toBe(ids[199]); // last delivered

    await ensureGroup(redis, keys, 'slow-group'); // another group that has read nothing
    await redis.xgroup('SETID', keys.stream, 'slow-group', ids[10]);
    expect(await safeTrimId(redis, keys.stream)).toBe(ids[10]);
    await redis.xgroup('DESTROY', keys.stream, 'slow-group');

    await redis.xtrim(keys.stream, 'MINID', (await safeTrimId(redis, keys.stream)) as string);
    expect(await redis.xlen(keys.stream)).toBe(301);
    const [[first]] = (await redis.xrange(keys.stream, '-', '+', 'COUNT', 1)) as [string, string[]][];
    expect(first).toBe(ids[199]);
    redis.disconnect();
  });
});
