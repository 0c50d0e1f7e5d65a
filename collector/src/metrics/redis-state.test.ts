import Redis from 'ioredis';
import { Registry } from 'prom-client';
import { afterAll, describe, expect, it } from 'vitest';
import { startConsumer } from '../consumer/consumer.js';
import { ensureGroup } from '../consumer/group.js';
import { allPartitionKeys } from '../keys.js';
import { connectFailFast } from '../redis/connect.js';
import { getSnapshot, postJson, testCartpulse } from '../testing/cartpulse.js';
import { privateRedis } from '../testing/redis.js';
import { redisGauges } from './redis-gauges.js';
import { readActiveUsers, readPartitionStates } from './redis-state.js';

describe('stream partitions as Redis sees them', async () => {
  const server = await privateRedis();
  const redis = new Redis(server.url);
  afterAll(() => redis.disconnect());
  const partitions = allPartitionKeys('st', 3);

  it('reports length, pending entries, lag and the dead-letter stream per partition', async () => {
    const [p0, p1] = partitions;
    await ensureGroup(redis, p0, 'cartpulse');
    for (let i = 0; i < 5; i++) await redis.xadd(p0.stream, '*', 'n', String(i));
    await redis.xreadgroup('GROUP', 'cartpulse', 'test-consumer', 'COUNT', 2, 'STREAMS', p0.stream, '>');
    await redis.xadd(p0.dlq, '*', 'reason', 'x');
    await redis.xadd(p1.stream, '*', 'n', '1'); // a stream without a group
    expect(await readPartitionStates(redis, partitions, 'cartpulse')).toEqual([
      { partition: 0, streamEntries: 5, dlqEntries: 1, dlqDropped: 0, pending: 2, lag: 3 },
      { partition: 1, streamEntries: 1, dlqEntries: 0, dlqDropped: 0, pending: null, lag: null },
      { partition: 2, streamEntries: 0, dlqEntries: 0, dlqDropped: 0, pending: null, lag: null },
    ]);
  });

  it('exports them as gauges, and cartpulse_redis_up 0 without samples when Redis is away', async () => {
    const registry = new Registry();
    const connection = await connectFailFast({ redisUrl: server.url, clusterNodes: [] });
    redisGauges(registry, { redis: connection, partitions, group: 'cartpulse' });
    const text = await registry.metrics();
    expect(text).toContain('cartpulse_redis_up 1');
    expect(text).toContain('cartpulse_consumer_lag_entries{partition="0"} 3');
    expect(text).toContain('cartpulse_consumer_pending_entries{partition="0"} 2');
    expect(text).toContain('cartpulse_dlq_entries{partition="0"} 1');
    expect(text).toContain('cartpulse_stream_entries{partition="1"} 1');
    expect(text).not.toContain('cartpulse_consumer_lag_entries{partition="1"}');
    connection.disconnect();
    const away = await registry.metrics();
    expect(away).toContain('cartpulse_redis_up 0');
    expect(away).not.toMatch(/^cartpulse_stream_entries/m);
  });
});

describe('active users across sites', async () => {
  const cartpulse = await testCartpulse({ partitions: 4 });
  const redis = new Redis(cartpulse.redisUrl);
  afterAll(() => redis.disconnect());
  const { options } = cartpulse;
  const partitions = allPartitionKeys(options.keyPrefix, options.partitions);

  it('equal the snapshots of every site, summed, with a bounded top N', async () => {
    const visitors = { 'shop-a': 3, 'shop-b': 1, 'shop-c': 2, 'shop-d': 2 };
    const now = Date.now();
    for (const [site, count] of Object.entries(visitors)) {
      const events = Array.from({ length: count }, (_, i) => ({
        type: 'pageview',
        id: `${site}-${i}`,
        ts: now,
        url: 'https://shop.example/',
        vid: `v${i}`,
      }));
      expect((await postJson(cartpulse.url, { site, sent: now, events })).status).toBe(202);
    }
    for (const [site, count] of Object.entries(visitors))
      await expect
        .poll(async () => (await getSnapshot(cartpulse.url, site)).activeUsers, { timeout: 15_000 })
        .toBe(count);

    const at = options.clock();
    const active = await readActiveUsers(redis, partitions, options, at, 3);
    const snapshots = await Promise.all(
      Object.keys(visitors).map((site) => cartpulse.context.snapshot(site, at)),
    );
    expect(active.total).toBe(snapshots.reduce((sum, s) => sum + s.activeUsers, 0));
    expect(active).toEqual({
      total: 8,
      sites: 4,
      top: [
        { site: 'shop-a', users: 3 },
        { site: 'shop-c', users: 2 },
        { site: 'shop-d', users: 2 },
      ],
    });
    expect((await readActiveUsers(redis, partitions, options, at, 0)).top).toEqual([]);
    // after the active window, nobody is active any more
    const later = at + options.windows.activeMs + options.granularityMs;
    expect(await readActiveUsers(redis, partitions, options, later, 3)).toEqual({
      total: 0,
      sites: 0,
      top: [],
    });
  });
});

describe('the cost of a scrape', async () => {
  // no background work while counting: the consumer runs only to apply the events, the watch rarely
  const cartpulse = await testCartpulse({ partitions: 4, consumer: false, registryRefreshMs: 600_000 });
  const redis = new Redis(cartpulse.redisUrl);
  afterAll(() => redis.disconnect());
  const { options } = cartpulse;
  const partitions = allPartitionKeys(options.keyPrefix, options.partitions);
  /** Commands Redis has executed, from INFO commandstats. */
  const commands = async () =>
    [...(await redis.info('commandstats')).matchAll(/calls=(\d+)/g)].reduce(
      (sum, [, n]) => sum + Number(n),
      0,
    );
  const active = () => readActiveUsers(redis, partitions, options, options.clock(), 10);
  const scrapeCost = async () => {
    const before = await commands();
    await readPartitionStates(redis, partitions, options.group);
    await active();
    return (await commands()) - before - 1; // the INFO that read `before`
  };
  const post = (sites: number, offset: number) =>
    Promise.all(
      Array.from({ length: sites }, (_, i) =>
        postJson(cartpulse.url, {
          site: `scrape-${offset + i}`,
          events: [{ type: 'pageview', url: 'https://s.example/', vid: 'v', sid: 's' }],
        }),
      ),
    );
  const applied = async (sites: number) => {
    const consumer = await startConsumer(options);
    await expect.poll(async () => (await active()).sites, { timeout: 15_000 }).toBe(sites);
    await consumer.stop();
  };

  it('is the same number of Redis commands with 3 sites or 300', async () => {
    await post(3, 0);
    await applied(3);
    const few = await scrapeCost();
    await post(297, 3);
    await applied(300);
    const many = await scrapeCost();
    // a fixed handful per partition (stream state, active users), plus at most `top` candidates recounted
    // per partition: a hundred times the sites, not one command more than that
    expect(many).toBeLessThanOrEqual(8 * partitions.length + 10 * partitions.length);
    expect(many - few).toBeLessThanOrEqual(10 * partitions.length);
  });
});
