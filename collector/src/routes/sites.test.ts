import Redis from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { startCartpulse } from '../server.js';
import { getSnapshot, postJson, TEST_TOKEN, testCartpulse } from '../testing/cartpulse.js';

const auth = { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' };
const pageview = (id: string) => ({ type: 'pageview', id, url: 'https://x.example/', vid: 'v', sid: 's' });

describe('the site registry over HTTP', async () => {
  const { url, redisUrl } = await testCartpulse({ sites: [] });
  const api = (path: string, init: RequestInit = {}) => fetch(`${url}${path}`, { ...init, headers: auth });
  const register = (body: unknown) => api('/api/sites', { method: 'POST', body: JSON.stringify(body) });

  it('refuses events for a site nobody registered, and counts them once registered', async () => {
    const refused = await postJson(url, { site: 'new-shop', events: [pageview('e1')] });
    expect(refused).toMatchObject({ status: 404, body: { error: 'unknown site: new-shop' } });
    const created = await register({
      id: 'new-shop',
      name: 'New shop',
      timezone: 'Europe/Berlin',
      origins: ['https://new.example'],
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual({
      id: 'new-shop',
      name: 'New shop',
      timezone: 'Europe/Berlin',
      origins: ['https://new.example'],
    });
    expect((await postJson(url, { site: 'new-shop', events: [pageview('e2')] })).status).toBe(202);
    await expect
      .poll(async () => (await getSnapshot(url, 'new-shop')).pageviews, { timeout: 10_000 })
      .toBe(1);
  });

  it('enforces the registered origins on the POST', async () => {
    const other = await postJson(
      url,
      { site: 'new-shop', events: [pageview('e3')] },
      { origin: 'https://evil.example' },
    );
    expect(other.status).toBe(403);
    const own = await postJson(
      url,
      { site: 'new-shop', events: [pageview('e4')] },
      { origin: 'https://new.example' },
    );
    expect(own.status).toBe(202);
  });

  it('replaces a registration with 200, and rejects a bad one with 400', async () => {
    expect((await register({ id: 'new-shop', name: 'Renamed' })).status).toBe(200);
    for (const bad of [
      { id: 'bad id' },
      { id: 'x', timezone: 'Mars/Olympus' },
      { id: 'x', origins: ['https://a.example/path'] },
    ]) {
      const response = await register(bad);
      expect(response.status, JSON.stringify(bad)).toBe(400);
      expect((await response.json()).error).toBeTruthy();
    }
  });

  it('lists sites sorted, a page at a time, and searches ids and names', async () => {
    for (const id of ['zeta-shop', 'alpha-shop', 'mid.shop'])
      expect((await register({ id, name: `${id} store` })).status).toBe(201);
    const first = await (await api('/api/sites?limit=2')).json();
    expect(first.sites.map((s: { id: string }) => s.id)).toEqual(['alpha-shop', 'mid.shop']);
    expect(first.total).toBe(4);
    const second = await (await api(`/api/sites?limit=2&cursor=${first.next}`)).json();
    expect(second.sites.map((s: { id: string }) => s.id)).toEqual(['new-shop', 'zeta-shop']);
    expect(second.next).toBeNull();
    const found = await (await api('/api/sites?q=RENAMED')).json();
    expect(found.sites.map((s: { id: string }) => s.id)).toEqual(['new-shop']);
    expect((await api('/api/sites?limit=5000')).status).toBe(400);
  });

  it('names the refused ids, and forgets one once it is registered', async () => {
    await postJson(url, { site: 'typo-shop', events: [pageview('t1'), pageview('t2')] });
    await expect
      .poll(async () => (await (await api('/api/sites/refused')).json()).refused, { timeout: 5_000 })
      .toEqual([expect.objectContaining({ site: 'typo-shop', events: 2 })]);
    await register({ id: 'typo-shop' });
    expect((await (await api('/api/sites/refused')).json()).refused).toEqual([]);
  });

  it('removes a site with its windows and share links', async () => {
    const share = await (
      await api('/api/shares', { method: 'POST', body: JSON.stringify({ site: 'new-shop' }) })
    ).json();
    const rule = await api('/api/alerts', {
      method: 'POST',
      body: JSON.stringify({ site: 'new-shop', kind: 'no_orders', webhook: 'http://127.0.0.1:9/hook' }),
    });
    expect(rule.status).toBe(201);
    const redis = new Redis(redisUrl);
    const siteKeys = async () => (await redis.keys('*')).filter((key) => key.includes(':new-shop'));
    expect((await siteKeys()).length).toBeGreaterThan(0);
    const removed = await api('/api/sites/new-shop', { method: 'DELETE' });
    expect(await removed.json()).toEqual({ deleted: 'new-shop' });
    expect(await siteKeys()).toEqual([]);
    expect(await (await api('/api/alerts?site=new-shop')).json()).toEqual({ alerts: [] });
    expect(
      (
        await fetch(`${url}/api/realtime?site=new-shop`, {
          headers: { authorization: `Bearer ${share.token}` },
        })
      ).status,
    ).toBe(401);
    expect((await postJson(url, { site: 'new-shop', events: [pageview('e5')] })).status).toBe(404);
    expect((await api('/api/sites/new-shop', { method: 'DELETE' })).status).toBe(404);
    redis.disconnect();
  });

  it('needs the collector token', async () => {
    expect((await fetch(`${url}/api/sites`)).status).toBe(401);
    expect((await fetch(`${url}/api/sites`, { method: 'POST', body: '{"id":"x"}' })).status).toBe(401);
  });

  it('reaches every collector on the same Redis within the refresh interval', async () => {
    const other = await startCartpulse({
      redisUrl,
      port: 0,
      host: '127.0.0.1',
      token: TEST_TOKEN,
      consumer: false,
      registryRefreshMs: 100,
    });
    afterAll(() => other.stop());
    expect((await postJson(other.url, { site: 'late-shop', events: [pageview('l1')] })).status).toBe(404);
    await register({ id: 'late-shop' });
    await expect
      .poll(async () => (await postJson(other.url, { site: 'late-shop', events: [pageview('l2')] })).status)
      .toBe(202);
  });
});

describe('CARTPULSE_SITES', async () => {
  const { url } = await testCartpulse({ sites: ['shop-*', 'exact'] });

  it('accepts the ids and patterns it names besides the registered sites', async () => {
    for (const site of ['shop-1', 'shop-two', 'exact'])
      expect((await postJson(url, { site, events: [pageview(`${site}-1`)] })).status, site).toBe(202);
    for (const site of ['other', 'exact2', 'myshop-1'])
      expect((await postJson(url, { site, events: [pageview(`${site}-1`)] })).status, site).toBe(404);
  });
});
