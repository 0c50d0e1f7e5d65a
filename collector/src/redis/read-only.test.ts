/** A Redis that became a read-only replica (a failover gone wrong) refuses writes: 503, never a 202. */
import Redis from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { getSnapshot, postJson, testCartpulse } from '../testing/cartpulse.js';
import { freePort } from './server.js';

describe('Redis turned into a read-only replica', async () => {
  const cartpulse = await testCartpulse();
  const admin = new Redis(cartpulse.redisUrl);
  afterAll(() => admin.disconnect());
  const post = (id: string) =>
    postJson(cartpulse.url, {
      site: 'ro-shop',
      events: [{ type: 'pageview', id, url: 'https://ro.example/', vid: 'v', sid: 's' }],
    });

  it('answers 503 with the reason on /ingest and /readyz, and counts again once it is a primary', async () => {
    expect((await post('before')).status).toBe(202);
    await admin.replicaof('127.0.0.1', await freePort()); // a primary that is not there: stays read-only
    const refused = await post('during');
    expect(refused.status).toBe(503);
    expect(refused.body.error).toMatch(/read-only replica/);
    const ready = await fetch(`${cartpulse.url}/readyz`);
    expect(ready.status).toBe(503);
    expect((await ready.json()).error).toMatch(/read-only replica/);

    await admin.replicaof('NO', 'ONE');
    expect((await post('after')).status).toBe(202);
    await expect
      .poll(async () => (await getSnapshot(cartpulse.url, 'ro-shop')).pageviews, { timeout: 15_000 })
      .toBe(2);
    expect((await fetch(`${cartpulse.url}/readyz`)).status).toBe(200);
  });
});
