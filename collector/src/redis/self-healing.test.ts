/**
 * Redis comes back empty while events arrive (a new container without its volume, a failover to an
 * empty replica): every event answered 202 after that is counted, and the registry is written back.
 */
import Redis from 'ioredis';
import { describe, expect, it } from 'vitest';
import { getSnapshot, postJson, TEST_TOKEN, testCartpulse } from '../testing/cartpulse.js';
import { registryKey } from '../sites/store.js';
import { setupMarkerKey } from './setup.js';

describe('Redis restarted empty while events arrive', async () => {
  const cartpulse = await testCartpulse({ sites: [], registryRefreshMs: 100, partitions: 4 });
  const { url, redisServer, options } = cartpulse;
  const registered = await fetch(`${url}/api/sites`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ id: 'heal-shop', name: 'Heal' }),
  });
  expect(registered.status).toBe(201);

  it('counts every event answered 202 after the restart, and has its registry back', async () => {
    let sent = 0;
    let acceptedAfter = 0;
    let afterRestart = false;
    let unavailable = 0;
    let sending = true;
    let inFlight: Promise<void> = Promise.resolve();
    const sender = (async () => {
      while (sending) {
        const phase = afterRestart;
        // the page tells the two phases apart: a consumer batch read before the restart may still be
        // applied after it (ioredis sends an unanswered command again on reconnect), and those events
        // were answered 202 too
        const batch = Array.from({ length: 5 }, () => ({
          type: 'pageview',
          id: `e${sent++}`,
          url: phase ? 'https://heal.example/after' : 'https://heal.example/before',
          vid: `v${sent % 17}`,
          sid: `s${sent % 17}`,
        }));
        inFlight = postJson(url, { site: 'heal-shop', events: batch }).then(({ status }) => {
          if (status === 202 && phase) acceptedAfter += batch.length;
          else if (status === 503) unavailable++;
          else if (status !== 202) throw new Error(`unexpected ${status}`);
        });
        await inFlight;
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    await new Promise((r) => setTimeout(r, 500));
    await inFlight; // nothing in flight across the restart: every later request meets the empty Redis
    afterRestart = true;
    await redisServer.restartEmpty();
    await new Promise((r) => setTimeout(r, 2500));
    sending = false;
    await sender;

    expect(acceptedAfter).toBeGreaterThan(100);
    await expect
      .poll(
        async () => {
          const { topPages } = await getSnapshot(url, 'heal-shop');
          return topPages.find((page: { path: string }) => page.path === '/after')?.views;
        },
        { timeout: 20_000, interval: 200 },
      )
      .toBe(acceptedAfter);
    const redis = new Redis(cartpulse.redisUrl);
    expect(await redis.hexists(registryKey(options.keyPrefix), 'heal-shop')).toBe(1);
    expect(await redis.exists(setupMarkerKey(options.keyPrefix))).toBe(1);
    redis.disconnect();
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    // a short outage answers 503 (or nothing went wrong at all, if the restart was quick enough)
    expect(unavailable).toBeGreaterThanOrEqual(0);
  });
});
