import Redis from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { privateRedis } from '../testing/redis.js';
import { isShareToken, shareStore, sharesKey } from './store.js';

describe('share links in Redis', async () => {
  const server = await privateRedis();
  const redis = new Redis(server.url);
  afterAll(() => redis.quit());
  const store = shareStore(redis, 'cp');

  it('creates a link whose token opens its site, and keeps only a hash of the secret', async () => {
    const link = await store.create('shop', 'Office TV', 1000);
    expect(isShareToken(link.token)).toBe(true);
    expect(await store.resolve(link.token)).toEqual({
      id: link.id,
      site: 'shop',
      label: 'Office TV',
      createdAt: 1000,
    });
    const stored = await redis.hget(sharesKey('cp'), link.id);
    expect(stored).not.toContain(link.token.split('_').slice(2).join('_'));
  });

  it('rejects a wrong secret, an unknown id and things that are not share tokens', async () => {
    const link = await store.create('shop', undefined, 1000);
    const wrongSecret = `${link.token.slice(0, -1)}${link.token.endsWith('A') ? 'B' : 'A'}`;
    expect(await store.resolve(wrongSecret)).toBeNull();
    expect(await store.resolve(`cps_0000000000000000_${'a'.repeat(32)}`)).toBeNull();
    expect(await store.resolve('test-token')).toBeNull();
    expect(await store.resolve('')).toBeNull();
  });

  it('lists links per site and revokes them', async () => {
    const a = await store.create('list-a', 'one', 1);
    await store.create('list-b', 'two', 2);
    expect((await store.list('list-a')).map((link) => link.id)).toEqual([a.id]);
    expect(await store.get(a.id)).toMatchObject({ site: 'list-a' });
    expect(await store.revoke(a.id)).toBe(true);
    expect(await store.revoke(a.id)).toBe(false);
    expect(await store.resolve(a.token)).toBeNull();
    expect(await store.list('list-a')).toEqual([]);
  });
});
