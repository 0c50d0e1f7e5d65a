import Redis from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveOptions } from '../config.js';
import { partitionKeys, partitionOf } from '../keys.js';
import { privateRedis } from '../testing/redis.js';
import { buildDelta } from './delta.js';
import { engineCommands } from './lua/scripts.js';
import { applyParams } from './params.js';
import { applyKeys, leavingBuckets, NO_WATERMARKS } from './script-keys.js';

describe('the buckets leaving a window', () => {
  it('mirror include/evicted.lua', () => {
    expect(leavingBuckets(-1, -1, 100)).toEqual([]); // no watermark yet
    expect(leavingBuckets(100, 120, 100)).toEqual([]); // already there
    expect(leavingBuckets(97, 120, 100)).toEqual([97, 98, 99]);
    expect(leavingBuckets(97, 98, 100)).toEqual([]); // everything left: dropped whole
    expect(leavingBuckets(97, -1, 100)).toEqual([]);
  });
});

describe('declared keys', async () => {
  const server = await privateRedis();
  const redis = new Redis(server.url);
  afterAll(() => redis.disconnect());
  const options = resolveOptions({ redisUrl: server.url });
  const site = 'keys-shop';
  const keys = partitionKeys(options.keyPrefix, partitionOf(site, options.partitions));
  const now = Date.UTC(2026, 0, 1, 12);
  const delta = buildDelta(
    [
      {
        site,
        events: [
          { id: 'a', type: 'pageview', t: now, vid: 'anon', path: '/' },
          { id: 'b', type: 'purchase', t: now, vid: 'v', sid: 's', order: 'o1', value: 5, currency: 'EUR' },
        ],
      },
    ],
    now,
    options,
  );
  const params = applyParams(now, options);
  const marks = Object.fromEntries(Object.keys(delta.sites).map((id) => [id, NO_WATERMARKS]));
  const payload = JSON.stringify({
    ...params,
    prefix: keys.prefix,
    channel: keys.applied,
    entries: [],
    state: marks,
    ...delta,
  });
  const names = applyKeys(keys, delta, params, marks);

  it('are refused by the apply script when one is missing, before it writes anything', async () => {
    const withoutSession = names.filter((name) => !name.includes(':sess:'));
    expect(withoutSession.length).toBe(names.length - 1);
    await expect(
      engineCommands(redis).cartpulseApply(withoutSession.length, ...withoutSession, options.group, payload),
    ).rejects.toThrow(/undeclared key .*sess:keys-shop:anon/);
  });

  it('are all the apply script needs', async () => {
    const reply = JSON.parse(
      await engineCommands(redis).cartpulseApply(names.length, ...names, options.group, payload),
    );
    expect(reply.status).toBe('ok');
  });
});
