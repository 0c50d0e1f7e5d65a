import Redis from 'ioredis';
import { describe, expect, it } from 'vitest';
import { BROWSER_UA, getSnapshot, postJson, testCartpulse } from '../testing/cartpulse.js';

describe('POST /ingest → stream → consumer → snapshot', async () => {
  const cartpulse = await testCartpulse();
  const redis = new Redis(cartpulse.redisUrl);

  it('counts a batch once even when it is delivered twice', async () => {
    const now = Date.now();
    const batch = {
      site: 'shop-a',
      sent: now,
      events: [
        {
          type: 'pageview',
          id: 'e1',
          ts: now - 1000,
          url: 'https://a.example/p/mug?x=1',
          vid: 'v1',
          sid: 's1',
        },
        { type: 'pageview', id: 'e2', ts: now - 500, url: 'https://a.example/', vid: 'v2', sid: 's2' },
        {
          type: 'add_to_cart',
          id: 'e3',
          ts: now,
          vid: 'v1',
          sid: 's1',
          items: [{ id: 'mug', name: 'Mug', qty: 2 }],
        },
        {
          type: 'purchase',
          id: 'e4',
          ts: now,
          vid: 'v1',
          sid: 's1',
          order: 'o1',
          value: 25,
          currency: 'EUR',
        },
      ],
    };
    expect(await postJson(cartpulse.url, batch)).toMatchObject({
      status: 202,
      body: { accepted: 4, rejected: 0 },
    });
    expect(await postJson(cartpulse.url, batch)).toMatchObject({
      status: 202,
      body: { accepted: 4, rejected: 0 },
    });
    await expect
      .poll(() => getSnapshot(cartpulse.url, 'shop-a'), { timeout: 10_000 })
      .toMatchObject({
        activeUsers: 2,
        activeSessions: 2,
        pageviews: 2,
        topPages: [
          { path: '/', views: 1 },
          { path: '/p/mug', views: 1 },
        ],
        ecommerce: {
          addToCarts: 1,
          orders: 1,
          revenue: { EUR: 25 },
          conversionRate: 0.5,
          topProducts: [{ id: 'mug', name: 'Mug', count: 2 }],
        },
      });
    await new Promise((r) => setTimeout(r, 300));
    expect((await getSnapshot(cartpulse.url, 'shop-a')).pageviews).toBe(2);
  });

  it('keeps invalid events in the dead-letter stream with their reason', async () => {
    const result = await postJson(cartpulse.url, {
      site: 'shop-b',
      events: [{ type: 'pageview' }, { type: 'teleport', id: 'bad-1' }],
    });
    expect(result).toMatchObject({ status: 202, body: { accepted: 1, rejected: 1 } });
    const key = cartpulse.context.keysFor('shop-b').dlq;
    const [[, fields]] = (await redis.xrange(key, '-', '+')) as [string, string[]][];
    expect(fields).toEqual(
      expect.arrayContaining(['reason', expect.stringContaining('type must be one of')]),
    );
    expect(fields).toEqual(
      expect.arrayContaining(['raw', JSON.stringify({ type: 'teleport', id: 'bad-1' })]),
    );
  });

  it('answers malformed bodies with clear 4xx errors', async () => {
    expect(await postJson(cartpulse.url, '{not json')).toMatchObject({
      status: 400,
      body: { error: expect.any(String) },
    });
    expect(await postJson(cartpulse.url, { events: [] })).toMatchObject({ status: 400 });
    expect(await postJson(cartpulse.url, 'x'.repeat(70_000))).toMatchObject({ status: 413 });
  });

  it('accepts text/plain (sendBeacon) and a lone event with its own site', async () => {
    const response = await fetch(`${cartpulse.url}/ingest`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8', 'user-agent': BROWSER_UA },
      body: JSON.stringify({ site: 'shop-c', type: 'pageview', url: '/' }),
    });
    expect(response.status).toBe(202);
  });

  it('guards the realtime API with the token', async () => {
    const response = await fetch(`${cartpulse.url}/api/realtime?site=shop-a`, {
      headers: { authorization: 'Bearer nope' },
    });
    expect(response.status).toBe(401);
  });

  it('is ready once every partition has its group', async () => {
    expect((await fetch(`${cartpulse.url}/readyz`)).status).toBe(200);
    expect((await fetch(`${cartpulse.url}/healthz`)).status).toBe(200);
  });
});
