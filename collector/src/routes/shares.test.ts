import { describe, expect, it } from 'vitest';
import { postJson, TEST_TOKEN, testCartpulse } from '../testing/cartpulse.js';

describe('share links', async () => {
  const { url } = await testCartpulse();
  const admin = { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' };
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  async function createShare(site: string, label?: string) {
    const response = await fetch(`${url}/api/shares`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({ site, label }),
    });
    return { status: response.status, body: await response.json() };
  }

  it('creates a read-only link for one site: it reads that site and no other', async () => {
    await postJson(url, {
      site: 'share-a',
      events: [{ type: 'pageview', url: 'https://a.example/', vid: 'v', sid: 's' }],
    });
    const { status, body } = await createShare('share-a', 'Office TV');
    expect(status).toBe(201);
    expect(body).toMatchObject({ site: 'share-a', label: 'Office TV' });
    expect(body.path).toBe(`/share/${body.token}`);

    const own = await fetch(`${url}/api/realtime?site=share-a`, { headers: bearer(body.token) });
    expect(own.status).toBe(200);
    expect((await own.json()).site).toBe('share-a');
    expect((await fetch(`${url}/api/realtime?site=share-b`, { headers: bearer(body.token) })).status).toBe(
      403,
    );
    const sites = await fetch(`${url}/api/sites`, { headers: bearer(body.token) });
    expect(await sites.json()).toEqual({
      sites: [{ id: 'share-a', name: 'share-a', timezone: 'UTC', origins: [] }],
      total: 1,
      next: null,
    });
  });

  it('cannot manage share links with a share token', async () => {
    const { body } = await createShare('share-a');
    expect((await fetch(`${url}/api/shares?site=share-a`, { headers: bearer(body.token) })).status).toBe(401);
    const create = await fetch(`${url}/api/shares`, {
      method: 'POST',
      headers: { ...bearer(body.token), 'content-type': 'application/json' },
      body: JSON.stringify({ site: 'share-b' }),
    });
    expect(create.status).toBe(401);
    expect(
      (await fetch(`${url}/api/shares/${body.id}`, { method: 'DELETE', headers: bearer(body.token) })).status,
    ).toBe(401);
  });

  it('lists links without their tokens and revokes them', async () => {
    const { body } = await createShare('share-c', 'Wall');
    const listed = await (await fetch(`${url}/api/shares?site=share-c`, { headers: admin })).json();
    expect(listed.shares).toEqual([
      { id: body.id, site: 'share-c', label: 'Wall', createdAt: body.createdAt },
    ]);
    expect(JSON.stringify(listed)).not.toContain(body.token);
    expect((await fetch(`${url}/api/shares/${body.id}`, { method: 'DELETE', headers: admin })).status).toBe(
      204,
    );
    expect((await fetch(`${url}/api/shares/${body.id}`, { method: 'DELETE', headers: admin })).status).toBe(
      404,
    );
    expect((await fetch(`${url}/api/realtime?site=share-c`, { headers: bearer(body.token) })).status).toBe(
      401,
    );
  });

  it('validates the request', async () => {
    expect((await createShare('not a site')).status).toBe(400);
    expect((await createShare('ok', 'x'.repeat(65))).status).toBe(400);
    const garbage = await fetch(`${url}/api/shares`, { method: 'POST', headers: admin, body: '{' });
    expect(garbage.status).toBe(400);
  });
});
