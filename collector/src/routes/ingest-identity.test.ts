import Redis from 'ioredis';
import { describe, expect, it } from 'vitest';
import { BROWSER_UA, getSnapshot, postJson, testCartpulse } from '../testing/cartpulse.js';
import { waitUntilProcessed } from '../testing/drain.js';

const pageview = (id: string, extra: Record<string, unknown> = {}) => ({
  type: 'pageview',
  id,
  url: '/',
  ...extra,
});
const OTHER_UA = BROWSER_UA.replace('Chrome/131', 'Chrome/99');

describe('identity, bots, origins and event time', async () => {
  const cartpulse = await testCartpulse({ allowedOrigins: { locked: ['https://locked.example'] } });
  const redis = new Redis(cartpulse.redisUrl);
  const settle = () => waitUntilProcessed(redis, cartpulse.context.partitions, cartpulse.options.group);

  it('tells cookieless visitors apart by IP and User-Agent, and stores no raw IP', async () => {
    await postJson(
      cartpulse.url,
      { site: 'anon', events: [pageview('a1')] },
      { 'x-forwarded-for': '203.0.113.7' },
    );
    await postJson(
      cartpulse.url,
      { site: 'anon', events: [pageview('a2')] },
      { 'x-forwarded-for': '198.51.100.9' },
    );
    await postJson(cartpulse.url, { site: 'anon', events: [pageview('a3')] }, { 'user-agent': OTHER_UA });
    await settle();
    // X-Forwarded-For is not trusted by default: the first two come from the same socket address
    expect(await getSnapshot(cartpulse.url, 'anon')).toMatchObject({
      activeUsers: 2,
      activeSessions: 2,
      pageviews: 3,
    });
    const dump: string[] = [];
    for (const key of await redis.keys('*')) {
      const type = await redis.type(key);
      if (type === 'stream') dump.push(JSON.stringify(await redis.xrange(key, '-', '+')));
      else if (type === 'string') dump.push((await redis.get(key)) ?? '');
      else if (type === 'hash') dump.push(JSON.stringify(await redis.hgetall(key)));
      else if (type === 'zset') dump.push(JSON.stringify(await redis.zrange(key, 0, -1)));
      else if (type === 'set') dump.push(JSON.stringify(await redis.smembers(key)));
      else if (type === 'list') dump.push(JSON.stringify(await redis.lrange(key, 0, -1)));
      dump.push(key);
    }
    const everything = dump.join('\n');
    expect(everything).not.toContain('127.0.0.1');
    expect(everything).not.toContain('203.0.113.7');
    expect(everything).not.toContain(BROWSER_UA);
  });

  it('counts known bots in no window', async () => {
    const bot = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';
    const result = await postJson(
      cartpulse.url,
      { site: 'bots', events: [pageview('b1', { vid: 'v', sid: 's' })] },
      { 'user-agent': bot },
    );
    expect(result.status).toBe(202);
    await settle();
    expect(await getSnapshot(cartpulse.url, 'bots')).toMatchObject({ activeUsers: 0, pageviews: 0 });
  });

  it('answers preflights and holds a site to its allowed origins', async () => {
    const preflight = await fetch(`${cartpulse.url}/ingest`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://shop.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    const body = { site: 'locked', events: [pageview('l1', { vid: 'v', sid: 's' })] };
    const refused = await postJson(cartpulse.url, body, { origin: 'https://evil.example' });
    expect(refused).toMatchObject({
      status: 403,
      body: { error: expect.stringContaining('may not send events') },
    });
    expect((await postJson(cartpulse.url, body, { origin: 'https://locked.example' })).status).toBe(202);
    expect(
      (await postJson(cartpulse.url, { ...body, site: 'open' }, { origin: 'https://any.example' })).status,
    ).toBe(202);
  });

  it('places a retried event at its own time: a 50-minute-old event is not active now', async () => {
    const sent = Date.now() + 7 * 3_600_000; // the client clock is 7 hours fast
    const hourAgo = sent - 50 * 60_000; // inside the hour-long series, outside every window
    await postJson(cartpulse.url, {
      site: 'late',
      sent,
      events: [pageview('late-1', { ts: hourAgo, vid: 'old', sid: 'old' })],
    });
    await postJson(cartpulse.url, {
      site: 'late',
      sent,
      events: [pageview('now-1', { ts: sent, vid: 'new', sid: 'new' })],
    });
    await settle();
    const snapshot = await getSnapshot(cartpulse.url, 'late');
    expect(snapshot).toMatchObject({ activeUsers: 1, pageviews: 1 });
    expect(snapshot.series.pageviews.reduce((a: number, b: number) => a + b, 0)).toBe(2);
    redis.disconnect();
  });
});

describe('behind a trusted proxy', async () => {
  const cartpulse = await testCartpulse({ trustProxy: true });
  const redis = new Redis(cartpulse.redisUrl);

  it('takes the client IP from X-Forwarded-For', async () => {
    await postJson(
      cartpulse.url,
      { site: 'proxied', events: [pageview('p1')] },
      { 'x-forwarded-for': '203.0.113.7, 10.0.0.1' },
    );
    await postJson(
      cartpulse.url,
      { site: 'proxied', events: [pageview('p2')] },
      { 'x-forwarded-for': '198.51.100.9' },
    );
    await waitUntilProcessed(redis, cartpulse.context.partitions, cartpulse.options.group);
    expect(await getSnapshot(cartpulse.url, 'proxied')).toMatchObject({ activeUsers: 2 });
    redis.disconnect();
  });
});
