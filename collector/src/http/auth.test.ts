import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { ShareLink } from '../shares/store.js';
import { requireToken, viewerOf } from './auth.js';

const SHARE = 'cps_0123456789abcdef_' + 'a'.repeat(32);
const link: ShareLink = { id: '0123456789abcdef', site: 'shop', createdAt: 1 };

function app(shares?: { resolve(token: string): Promise<ShareLink | null> }) {
  return new Hono().get('/read', requireToken('admin-token', { shares }), (c) => c.json(viewerOf(c)));
}
const get = (target: Hono, path: string, token?: string) =>
  target.request(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });

describe('requireToken', () => {
  it('lets the collector token through for any site', async () => {
    const response = await get(app(), '/read?site=anything', 'admin-token');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ kind: 'token' });
    expect((await get(app(), '/read')).status).toBe(401);
    expect((await get(app(), '/read', 'admin-tokeN')).status).toBe(401);
  });

  it('accepts share tokens only where asked, and only for their own site', async () => {
    const shares = { resolve: async (token: string) => (token === SHARE ? link : null) };
    expect((await get(app(), '/read?site=shop', SHARE)).status).toBe(401);
    const own = await get(app(shares), '/read?site=shop', SHARE);
    expect(own.status).toBe(200);
    expect(await own.json()).toEqual({ kind: 'share', share: link });
    expect((await get(app(shares), '/read?site=other', SHARE)).status).toBe(403);
    expect((await get(app(shares), '/read?site=shop', `${SHARE.slice(0, -1)}b`)).status).toBe(401);
  });

  it('answers 503 when the share store cannot reach Redis, 500 when it fails otherwise', async () => {
    // what ioredis rejects with on a connection that is down
    const down = { resolve: () => Promise.reject(new Error('Connection is closed.')) };
    expect((await get(app(down), '/read?site=shop', SHARE)).status).toBe(503);
    const broken = { resolve: () => Promise.reject(new TypeError('a bug')) };
    expect((await get(app(broken), '/read?site=shop', SHARE)).status).toBe(500);
  });
});
