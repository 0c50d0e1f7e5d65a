import Redis from 'ioredis';
import { describe, expect, it } from 'vitest';
import { getSnapshot, testCartpulse } from '../testing/cartpulse.js';

describe('entries that keep failing', async () => {
  const cartpulse = await testCartpulse({ maxAttempts: 3 });
  const redis = new Redis(cartpulse.redisUrl);

  it('go to the dead-letter stream with their reason, and the rest flows on', async () => {
    const keys = cartpulse.context.keysFor('broken-shop');
    await redis.xadd(keys.stream, '*', 'site', 'broken-shop', 'events', '{not json');
    const good = [{ id: 'g1', type: 'pageview', t: Date.now(), vid: 'v', sid: 's', path: '/' }];
    await redis.xadd(keys.stream, '*', 'site', 'broken-shop', 'events', JSON.stringify(good));
    await expect.poll(() => redis.xlen(keys.dlq), { timeout: 15_000 }).toBe(1);
    const [[, fields]] = (await redis.xrange(keys.dlq, '-', '+')) as [string, string[]][];
    const letter = Object.fromEntries(fields.flatMap((_, i) => (i % 2 ? [] : [[fields[i], fields[i + 1]]])));
    expect(letter).toMatchObject({
      stage: 'consumer',
      site: 'broken-shop',
      reason: expect.stringContaining('unreadable events'),
    });
    await expect
      .poll(async () => (await getSnapshot(cartpulse.url, 'broken-shop')).pageviews, { timeout: 10_000 })
      .toBe(1);
    expect(await redis.xpending(keys.stream, cartpulse.options.group)).toEqual([0, null, null, null]);
    redis.disconnect();
  });
});
