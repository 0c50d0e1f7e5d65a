import { describe, expect, it } from 'vitest';
import { postJson, testCartpulse } from '../testing/cartpulse.js';

const batch = { site: 'shop', events: [{ type: 'pageview', id: 'x1', url: '/', vid: 'v', sid: 's' }] };

describe('Redis unreachable', async () => {
  const cartpulse = await testCartpulse();

  it('answers 503 with Retry-After, never 2xx, and recovers when Redis is back', async () => {
    expect((await postJson(cartpulse.url, batch)).status).toBe(202);
    await cartpulse.redisServer.kill();
    const started = Date.now();
    const down = await postJson(cartpulse.url, batch);
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toBe('5');
    expect(down.body.error).toContain('nothing was stored');
    expect(Date.now() - started).toBeLessThan(10_000); // answered promptly, not queued until Redis returns
    expect((await fetch(`${cartpulse.url}/readyz`)).status).toBe(503);
    await cartpulse.redisServer.restart();
    await expect
      .poll(async () => (await postJson(cartpulse.url, batch)).status, { timeout: 15_000 })
      .toBe(202);
    expect((await fetch(`${cartpulse.url}/readyz`)).status).toBe(200);
  });
});
