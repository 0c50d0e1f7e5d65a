/**
 * Strangers on the open internet: random site ids, floods of junk, one site sending too much. None of
 * it grows Redis without bound, and none of it makes a registered site's ingest fail.
 */
import Redis from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { RawConnection } from '../../bench/raw-http.js';
import { BROWSER_UA, postJson, TEST_TOKEN, testCartpulse } from '../testing/cartpulse.js';

const usedMemory = async (redis: Redis) => Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1]);

/**
 * `count` requests over `concurrency` keep-alive connections (the bench's lean client: the collector
 * runs in this process too), each body built by `body(i)`; returns how many got each status.
 */
async function flood(url: string, count: number, concurrency: number, body: (i: number) => string) {
  const { hostname, port } = new URL(url);
  const statuses = new Map<number, number>();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      const connection = new RawConnection(hostname, Number(port));
      while (next < count) {
        const text = body(next++);
        const status = await connection.request(
          `POST /ingest HTTP/1.1\r\nHost: ${hostname}\r\nUser-Agent: ${BROWSER_UA}\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`,
        );
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
      connection.close();
    }),
  );
  return statuses;
}

describe('abuse from anonymous clients', async () => {
  const cartpulse = await testCartpulse({ sites: [], rateLimit: 1e9, dlqMaxLength: 1000, dlqRawBytes: 1024 });
  const { url } = cartpulse;
  const redis = new Redis(cartpulse.redisUrl);
  afterAll(() => redis.disconnect());
  const register = (body: object) =>
    fetch(`${url}/api/sites`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  expect((await register({ id: 'flood-shop' })).status).toBe(201);
  expect((await register({ id: 'quiet-shop' })).status).toBe(201);
  expect((await register({ id: 'small-shop', rateLimit: 10 })).status).toBe(201);
  const pageview = (id: string) => ({
    type: 'pageview',
    id,
    url: 'https://shop.example/',
    vid: 'v',
    sid: 's',
  });

  it('leaves Redis memory flat after 100,000 random site ids, and names a few of them', async () => {
    // the consumer's connections (one per partition) open in the background at start: measure after
    const clients = async () => Number(/connected_clients:(\d+)/.exec(await redis.info('clients'))?.[1]);
    await expect.poll(clients, { timeout: 10_000 }).toBeGreaterThan(cartpulse.options.partitions);
    const before = await usedMemory(redis);
    const statuses = await flood(url, 100_000, 32, (i) =>
      JSON.stringify({
        site: `rnd-${i}-${Math.random().toString(36).slice(2)}`,
        events: [pageview(`r${i}`), { junk: i }],
      }),
    );
    expect(statuses).toEqual(new Map([[404, 100_000]]));
    await new Promise((r) => setTimeout(r, 500)); // the refused counts are flushed
    const after = await usedMemory(redis);
    expect(after - before).toBeLessThan(1024 * 1024);
    const refused = await (
      await fetch(`${url}/api/sites/refused`, { headers: { authorization: `Bearer ${TEST_TOKEN}` } })
    ).json();
    expect(refused.refused.length).toBeGreaterThan(0);
    expect(refused.refused.length).toBeLessThanOrEqual(100);
    let dlq = 0;
    for (const keys of cartpulse.context.partitions) dlq += await redis.xlen(keys.dlq);
    expect(dlq).toBe(0); // invalid events of unknown sites are not kept at all
  }, 120_000);

  it('keeps a dead-letter flood under its cap, and never makes another site answer 503', async () => {
    await redis.config('SET', 'maxmemory', String((await usedMemory(redis)) + 16 * 1024 * 1024));
    afterAll(() => redis.config('SET', 'maxmemory', '0'));
    // 40,000 invalid events of 2 KiB each: 80 MiB uncapped, five times what Redis may hold
    const junk = { type: 'pageview', title: 'x'.repeat(2048) };
    const statuses = await flood(url, 1600, 8, () =>
      JSON.stringify({ site: 'flood-shop', events: Array(25).fill(junk) }),
    );
    expect(statuses).toEqual(new Map([[202, 1600]]));
    const dlq = await redis.xlen(cartpulse.context.keysFor('flood-shop').dlq);
    expect(dlq).toBeGreaterThanOrEqual(1000);
    expect(dlq).toBeLessThan(1300);
    expect((await postJson(url, { site: 'quiet-shop', events: [pageview('q1')] })).status).toBe(202);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
  }, 120_000);

  it('answers 429 with Retry-After to a site over its rate limit, and lets others through', async () => {
    const events = (n: number) => Array.from({ length: n }, (_, i) => pageview(`s${Math.random()}${i}`));
    expect((await postJson(url, { site: 'small-shop', events: events(20) })).status).toBe(202);
    const over = await postJson(url, { site: 'small-shop', events: events(5) });
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(over.body.error).toMatch(/rate limit of 10 events per second/);
    expect((await postJson(url, { site: 'quiet-shop', events: events(5) })).status).toBe(202);
  });
});
