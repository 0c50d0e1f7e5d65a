import { describe, expect, it } from 'vitest';
import { postJson, TEST_TOKEN, testCartpulse } from '../testing/cartpulse.js';

describe('GET /api/sites', async () => {
  const { url } = await testCartpulse();

  it('lists the sites that sent events, sorted, once the consumer has seen them', async () => {
    const get = () => fetch(`${url}/api/sites`, { headers: { authorization: `Bearer ${TEST_TOKEN}` } });
    expect(await (await get()).json()).toEqual({ sites: [] });
    for (const site of ['zeta-shop', 'alpha-shop', 'mid.shop'])
      await postJson(url, {
        site,
        events: [{ type: 'pageview', url: 'https://x.example/', vid: 'v', sid: 's' }],
      });
    await expect
      .poll(async () => (await (await get()).json()).sites, { timeout: 10_000 })
      .toEqual(['alpha-shop', 'mid.shop', 'zeta-shop']);
  });

  it('needs a token', async () => {
    expect((await fetch(`${url}/api/sites`)).status).toBe(401);
  });
});
