/**
 * The metrics wired into a running collector the way `cli.ts` wires them (`startMetrics` hooks passed to
 * `startCartpulse`): live-stream viewers, route patterns of real routes, `/metrics` access.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { resolveOptions } from '../config.js';
import { startCartpulse } from '../server.js';
import { TEST_TOKEN } from '../testing/cartpulse.js';
import { privateRedis } from '../testing/redis.js';
import { readSse } from '../testing/sse.js';
import { startMetrics } from './index.js';

async function withMetrics(overrides: { metricsPublic?: boolean } = {}) {
  const redis = await privateRedis();
  const options = resolveOptions({
    redisUrl: redis.url,
    port: 0,
    host: '127.0.0.1',
    token: TEST_TOKEN,
    ...overrides,
  });
  const metrics = await startMetrics(options, { collector: true, consumer: true });
  const cartpulse = await startCartpulse(options, {
    collector: metrics.collector,
    consumer: metrics.consumer,
  });
  afterAll(async () => {
    await cartpulse.stop();
    await metrics.stop();
  });
  return cartpulse;
}

const auth = { authorization: `Bearer ${TEST_TOKEN}` };

describe('metrics in a running collector', async () => {
  const cartpulse = await withMetrics();
  const scrape = async () => (await fetch(`${cartpulse.url}/metrics`, { headers: auth })).text();
  const sample = async (series: string) => {
    const line = (await scrape()).split('\n').find((l) => l.startsWith(`${series} `));
    return line === undefined ? undefined : Number(line.split(' ').pop());
  };

  it('follows live-stream viewers as they come and go', async () => {
    expect(await sample('cartpulse_sse_clients')).toBe(0);
    const controller = new AbortController();
    const response = await fetch(`${cartpulse.url}/api/stream?site=shop-a`, {
      headers: auth,
      signal: controller.signal,
    });
    const stream = readSse(response);
    await stream.until((message) => message.event === 'snapshot');
    expect(await sample('cartpulse_sse_clients')).toBe(1);
    controller.abort();
    await expect.poll(() => sample('cartpulse_sse_clients'), { timeout: 10_000 }).toBe(0);
  });

  it('labels requests with route patterns, and unknown paths as unmatched', async () => {
    await fetch(`${cartpulse.url}/api/shares/some-share-id`, { method: 'DELETE', headers: auth });
    await fetch(`${cartpulse.url}/wp-login.php?user=admin`);
    const text = await scrape();
    expect(text).toMatch(
      /http_request_duration_seconds_count\{route="\/api\/shares\/:id",method="DELETE",status="\d+"\} 1/,
    );
    expect(text).toContain(
      'http_request_duration_seconds_count{route="unmatched",method="GET",status="404"} 1',
    );
    expect(text).not.toContain('some-share-id');
    expect(text).not.toContain('wp-login');
  });

  it('keeps /metrics behind the token', async () => {
    expect((await fetch(`${cartpulse.url}/metrics`)).status).toBe(401);
  });
});

describe('metrics configured public', async () => {
  const cartpulse = await withMetrics({ metricsPublic: true });

  it('answers /metrics without a token', async () => {
    const response = await fetch(`${cartpulse.url}/metrics`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('cartpulse_events_accepted_total');
  });
});
