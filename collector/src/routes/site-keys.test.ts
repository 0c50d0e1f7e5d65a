import Redis from 'ioredis';
import { describe, expect, it } from 'vitest';
import { TEST_TOKEN, testCartpulse } from '../testing/cartpulse.js';

const auth = { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' };

describe("a site's server keys and webhook secrets", async () => {
  const { url, redisUrl, context } = await testCartpulse({ sites: [] });
  const redis = new Redis(redisUrl);
  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${url}${path}`, { ...init, headers: { ...auth, ...init.headers } });
  const register = (body: unknown) => api('/api/sites', { method: 'POST', body: JSON.stringify(body) });
  /** Every key and value in Redis, as one text. */
  const everything = async () => {
    const parts: string[] = [];
    for (const key of await redis.keys('*')) {
      const type = await redis.type(key);
      parts.push(key);
      if (type === 'hash') parts.push(JSON.stringify(await redis.hgetall(key)));
      if (type === 'string') parts.push((await redis.get(key)) ?? '');
    }
    return parts.join('\n');
  };

  it('creates a key shown once, lists keys without it, and keeps only its SHA-256', async () => {
    expect((await register({ id: 'key-shop' })).status).toBe(201);
    const created = await api('/api/sites/key-shop/keys', { method: 'POST' });
    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    const { id, key, ...rest } = await created.json();
    expect(rest).toEqual({});
    expect(id).toMatch(/^[0-9a-f]{12}$/);
    expect(key).toMatch(/^cpk_[A-Za-z0-9_-]{43}$/);
    const second = await (await api('/api/sites/key-shop/keys', { method: 'POST' })).json();
    expect(second.key).not.toBe(key);

    const listed = await (await api('/api/sites/key-shop/keys')).json();
    expect(listed).toEqual({
      keys: [
        { id, createdAt: expect.any(Number) },
        { id: second.id, createdAt: expect.any(Number) },
      ],
    });
    const stored = await everything();
    expect(stored).not.toContain(key);
    expect(stored).not.toContain(key.slice(4));
    const { createHash } = await import('node:crypto');
    expect(stored).toContain(createHash('sha256').update(key).digest('hex'));
    expect(await redis.hkeys('cp:{registry}:serverkeys')).toEqual(expect.arrayContaining([id, second.id]));
    expect(context.registry.serverKey(key)).toMatchObject({ id, site: 'key-shop' });
  });

  it('revokes a key (200, then 404), refuses unknown sites and other tokens', async () => {
    const { id, key } = await (await api('/api/sites/key-shop/keys', { method: 'POST' })).json();
    const removed = await api(`/api/sites/key-shop/keys/${id}`, { method: 'DELETE' });
    expect(removed.status).toBe(200);
    expect(await removed.json()).toEqual({ deleted: id });
    expect(context.registry.serverKey(key)).toBeUndefined();
    expect((await api(`/api/sites/key-shop/keys/${id}`, { method: 'DELETE' })).status).toBe(404);
    expect((await api('/api/sites/key-shop/keys/not-a-key', { method: 'DELETE' })).status).toBe(404);
    // another site's key cannot be revoked through this one
    await register({ id: 'other-shop' });
    const other = await (await api('/api/sites/other-shop/keys', { method: 'POST' })).json();
    expect((await api(`/api/sites/key-shop/keys/${other.id}`, { method: 'DELETE' })).status).toBe(404);
    expect(context.registry.serverKey(other.key)).toMatchObject({ site: 'other-shop' });

    expect((await api('/api/sites/nobody/keys', { method: 'POST' })).status).toBe(404);
    expect((await api('/api/sites/nobody/keys')).status).toBe(404);
    expect((await api('/api/sites/bad%20id/keys')).status).toBe(400);
    expect((await fetch(`${url}/api/sites/key-shop/keys`, { method: 'POST' })).status).toBe(401);
    // neither a server key nor a share token manages keys
    const share = await (
      await api('/api/shares', { method: 'POST', body: JSON.stringify({ site: 'key-shop' }) })
    ).json();
    for (const token of [other.key, share.token])
      expect(
        (await fetch(`${url}/api/sites/key-shop/keys`, { headers: { authorization: `Bearer ${token}` } }))
          .status,
      ).toBe(401);
  });

  it('keeps the webhook secrets write-only: stored, kept when left out, removed with null', async () => {
    const secrets = { shopifySecret: 'shpss_0123456789abcdef', woocommerceSecret: 'wc-secret-áé€' };
    const created = await register({ id: 'secret-shop', name: 'Secret shop', ...secrets });
    expect(created.status).toBe(201);
    const answers = [
      await created.text(),
      await (await register({ id: 'secret-shop', name: 'Renamed' })).text(),
      await (await api('/api/sites')).text(),
      await (await api('/api/sites?q=secret')).text(),
      await (await api('/api/sites/secret-shop')).text(),
      await (await api('/api/sites/secret-shop/keys')).text(),
    ];
    for (const answer of answers) {
      expect(answer).not.toContain(secrets.shopifySecret);
      expect(answer).not.toContain('wc-secret');
      expect(answer).not.toMatch(/secret"\s*:/i);
    }
    // registering again without them kept both
    expect(context.registry.get('secret-shop')).toMatchObject({ name: 'Renamed', ...secrets });
    expect((await register({ id: 'secret-shop', shopifySecret: null })).status).toBe(200);
    expect(context.registry.get('secret-shop')?.shopifySecret).toBeUndefined();
    expect(context.registry.get('secret-shop')?.woocommerceSecret).toBe(secrets.woocommerceSecret);
    for (const bad of [{ shopifySecret: '' }, { woocommerceSecret: 'x'.repeat(257) }, { shopifySecret: 5 }]) {
      const refused = await register({ id: 'secret-shop', ...bad });
      expect(refused.status, JSON.stringify(bad)).toBe(400);
      expect((await refused.json()).error).toMatch(/Secret/);
    }
  });

  it('removes the keys and secrets with the site', async () => {
    const { key } = await (await api('/api/sites/secret-shop/keys', { method: 'POST' })).json();
    expect((await api('/api/sites/secret-shop', { method: 'DELETE' })).status).toBe(200);
    expect(context.registry.serverKey(key)).toBeUndefined();
    const stored = await everything();
    expect(stored).not.toContain('wc-secret');
    expect(stored).not.toContain('"site":"secret-shop"');
    expect((await api('/api/sites/secret-shop/keys')).status).toBe(404);
  });

  it('writes the keys back when Redis lost its data', async () => {
    const { key } = await (await api('/api/sites/key-shop/keys', { method: 'POST' })).json();
    await redis.flushall();
    await expect
      .poll(async () => (await redis.hvals('cp:{registry}:serverkeys')).join(), { timeout: 10_000 })
      .toContain('"site":"key-shop"');
    await context.registry.refresh();
    expect(context.registry.serverKey(key)).toMatchObject({ site: 'key-shop' });
    redis.disconnect();
  });
});
