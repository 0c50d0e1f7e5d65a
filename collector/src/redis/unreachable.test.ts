/**
 * A Redis that is not there yet is not a crash: the collector and consumer start, say once which URL
 * they cannot reach and why, answer /readyz and /ingest with 503, and count once Redis is up.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { getSnapshot, postJson, TEST_TOKEN } from '../testing/cartpulse.js';
import { startCli } from '../testing/cli-process.js';
import { freePort, startRedisServer } from './server.js';

describe('Redis unreachable at start', async () => {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'cartpulse-later-'));
  const env = {
    REDIS_URL: `redis://127.0.0.1:${port}`,
    PORT: '0',
    HOST: '127.0.0.1',
    CARTPULSE_TOKEN: TEST_TOKEN,
    CARTPULSE_SITES: 'later-shop',
    STOREFRONT_PORT: '0',
    SPA_PORT: '0',
  };
  const collector = await startCli(['start'], env, /Collector listening on http:\/\/localhost:(\d+)/);
  const url = `http://127.0.0.1:${collector.match[1]}`;

  it('starts anyway, and names the URL and the cause once', async () => {
    await expect
      .poll(() => collector.output(), { timeout: 5_000 })
      .toMatch(new RegExp(`cannot reach Redis at redis://127.0.0.1:${port}.*ECONNREFUSED`));
    expect(collector.output()).not.toMatch(/\n\s+at /);
  });

  it('answers /readyz and /ingest with 503 and Retry-After until Redis is there', async () => {
    expect((await fetch(`${url}/readyz`)).status).toBe(503);
    const refused = await postJson(url, {
      site: 'later-shop',
      events: [{ type: 'pageview', url: 'https://l.example/', vid: 'v', sid: 's' }],
    });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBeTruthy();
  });

  it('counts once Redis is up', async () => {
    const redis = await startRedisServer({ dir, port });
    afterAll(async () => {
      await redis.stop();
      rmSync(dir, { recursive: true, force: true });
    });
    await expect
      .poll(async () => (await fetch(`${url}/readyz`)).status, { timeout: 15_000, interval: 200 })
      .toBe(200);
    const accepted = await postJson(url, {
      site: 'later-shop',
      events: [{ type: 'pageview', url: 'https://l.example/', vid: 'v', sid: 's' }],
    });
    expect(accepted.status).toBe(202);
    await expect
      .poll(async () => (await getSnapshot(url, 'later-shop')).pageviews, { timeout: 15_000 })
      .toBe(1);
  });
});
