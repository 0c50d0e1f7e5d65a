/**
 * The snapshot script only reads: a window whose watermark lags behind the read time is corrected in
 * memory. Its answer must be exactly what the apply script's advance would leave, and Redis must be
 * byte for byte the same after the read.
 */
import Redis from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveOptions } from '../config.js';
import { applyBatches } from '../consumer/apply.js';
import { partitionKeys, partitionOf } from '../keys.js';
import type { StoredEvent } from '../protocol/stored-event.js';
import { privateRedis } from '../testing/redis.js';
import { readSnapshot } from './snapshot.js';

describe('snapshot reads without writing', async () => {
  const server = await privateRedis();
  const redis = new Redis(server.url);
  afterAll(() => redis.disconnect());
  const options = resolveOptions({ redisUrl: server.url });
  const site = 'lag-shop';
  const keys = partitionKeys(options.keyPrefix, partitionOf(site, options.partitions));
  const T = Date.UTC(2026, 0, 1, 12, 0, 0);
  let n = 0;
  const view = (t: number, path: string, vid = `v${n}`): StoredEvent => ({
    id: `e${n++}`,
    type: 'pageview',
    t,
    vid,
    sid: vid,
    path,
  });
  const cart = (t: number, item: string): StoredEvent => ({
    id: `e${n++}`,
    type: 'add_to_cart',
    t,
    vid: 'buyer',
    sid: 'b',
    items: [{ id: item, price: 5 }],
  });
  const apply = (events: StoredEvent[], now: number) =>
    applyBatches(redis, keys, options.group, [{ entryId: `1-${n}`, site, events }], now, options);
  /** Every key's value, to compare before and after a read. */
  const dump = async () => {
    const names = (await redis.keys('*')).sort();
    return Promise.all(names.map(async (name) => [name, (await redis.dumpBuffer(name))?.toString('base64')]));
  };

  it('answers what an advance would leave, and leaves Redis as it was', async () => {
    // early: 12 pages seen 3 times each, and 4 products; later, 3 pages seen once and one product
    const early: StoredEvent[] = [];
    for (let page = 0; page < 12; page++) for (let k = 0; k < 3; k++) early.push(view(T, `/early-${page}`));
    for (const item of ['a', 'b', 'c', 'd']) early.push(cart(T, item), cart(T, item));
    await apply(early, T);
    const late = T + 10 * 60_000;
    await apply(
      [view(late, '/late-0'), view(late, '/late-1'), view(late, '/early-0'), cart(late, 'z')],
      late,
    );

    // 16 minutes after the early events they have left the 15-minute windows; nothing applied since
    const at = T + 16 * 60_000;
    const before = await dump();
    const read = await readSnapshot(redis, options, site, at);
    expect(await dump()).toEqual(before);
    expect(read.pageviews).toBe(3);
    expect(read.topPages).toEqual([
      { path: '/early-0', views: 1 },
      { path: '/late-0', views: 1 },
      { path: '/late-1', views: 1 },
    ]);
    expect(read.ecommerce.addToCarts).toBe(1);
    expect(read.ecommerce.topProducts).toEqual([{ id: 'z', name: 'z', count: 1 }]);

    // the same after the apply script has moved the windows (an event of another page, then its read
    // again at the same time, minus that page)
    await apply([view(at, '/now')], at);
    const advanced = await readSnapshot(redis, options, site, at);
    expect(advanced.pageviews).toBe(4);
    expect(advanced.topPages.filter((page) => page.path !== '/now')).toEqual(read.topPages);
    expect(advanced.ecommerce).toEqual(read.ecommerce);
  });

  it('answers empty windows once everything has left them', async () => {
    const read = await readSnapshot(redis, options, site, T + 60 * 60_000);
    expect(read.pageviews).toBe(0);
    expect(read.topPages).toEqual([]);
    expect(read.ecommerce.topProducts).toEqual([]);
    expect(read.ecommerce.revenue).toEqual({});
  });

  it('works while Redis refuses writes (maxmemory)', async () => {
    await redis.config('SET', 'maxmemory', '1');
    try {
      const read = await readSnapshot(redis, options, site, T + 16 * 60_000);
      expect(read.pageviews).toBe(4);
    } finally {
      await redis.config('SET', 'maxmemory', '0');
    }
  });
});
