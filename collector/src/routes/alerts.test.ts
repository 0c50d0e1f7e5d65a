import { describe, expect, it } from 'vitest';
import { MAX_RULES_PER_SITE } from '../alerts/constants.js';
import { TEST_TOKEN, testCartpulse } from '../testing/cartpulse.js';

const json = { 'content-type': 'application/json' };
const auth = { ...json, authorization: `Bearer ${TEST_TOKEN}` };
const webhook = 'https://hooks.example/cartpulse?key=secret';

describe('alert rules over HTTP', async () => {
  const { url } = await testCartpulse({ sites: ['shop-*'] });
  const api = (path: string, init: RequestInit = {}, headers: Record<string, string> = auth) =>
    fetch(`${url}${path}`, { ...init, headers });
  const add = (body: unknown, headers: Record<string, string> = auth) =>
    api(
      '/api/alerts',
      { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body) },
      headers,
    );

  it('adds a rule: 201 with its id and the rule, defaults filled in', async () => {
    const response = await add({ site: 'shop-a', kind: 'no_orders', webhook });
    expect(response.status).toBe(201);
    const rule = await response.json();
    expect(rule).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{16}$/),
      site: 'shop-a',
      kind: 'no_orders',
      minutes: 20,
      minAddToCarts: 5,
      webhook,
      format: 'json',
      createdAt: expect.any(Number),
    });
    const listed = await (await api('/api/alerts?site=shop-a')).json();
    expect(listed).toEqual({
      alerts: [
        {
          ...rule,
          state: 'ok',
          firing: false,
          since: null,
          value: null,
          baseline: null,
          detail: expect.any(String),
          evaluatedAt: null,
          lastDelivery: null,
          pending: 0,
        },
      ],
    });
  });

  it('refuses a rule that does not fit, saying why: 400', async () => {
    const cases: [unknown, RegExp][] = [
      ['{', /must be a rule/],
      [[], /must be a rule/],
      [{ site: 'shop-a', kind: 'nap', webhook }, /^kind: must be one of no_orders, drop, spike, threshold$/],
      [
        { site: 'shop-a', kind: 'no_orders', webhook: 'ftp://files.example/x' },
        /^webhook: must be an http:\/\/ or https:\/\/ URL$/,
      ],
      [{ site: 'shop-a', kind: 'no_orders', webhook: 'not a url' }, /^webhook: /],
      [{ site: 'shop-a', kind: 'no_orders', webhook, minute: 5 }, /^minute: unknown field$/],
      [{ site: 'shop-a', kind: 'no_orders', webhook, minutes: 0 }, /^minutes: must be from 1 to 1440$/],
      [
        { site: 'shop-a', kind: 'drop', metric: 'orders', percent: 150, webhook },
        /^percent: a drop must be above 0 and below 100/,
      ],
      [
        { site: 'shop-a', kind: 'spike', metric: 'orders', percent: 50, webhook },
        /^percent: a spike must be above 100/,
      ],
      [
        { site: 'shop-a', kind: 'drop', metric: 'pageviews', percent: 50, webhook },
        /^metric: must be one of visitors, orders, revenue$/,
      ],
      [
        { site: 'shop-a', kind: 'drop', metric: 'orders', percent: 50, currency: 'EUR', webhook },
        /currency applies to the revenue metric only/,
      ],
      [
        { site: 'shop-a', kind: 'threshold', metric: 'orders', webhook },
        /exactly one of "above" and "below"/,
      ],
      [
        { site: 'shop-a', kind: 'threshold', metric: 'orders', above: 1, below: 2, webhook },
        /exactly one of/,
      ],
      [
        { site: 'shop-a', kind: 'threshold', metric: 'orders', above: 1, currency: 'EUR', webhook },
        /currency applies to/,
      ],
      [
        { site: 'shop-a', kind: 'threshold', metric: 'conversionRate', above: 2, webhook },
        /fraction from 0 to 1/,
      ],
      [{ site: 'shop-a', kind: 'no_orders', webhook, format: 'xml' }, /^format: must be "json" or "slack"$/],
      [{ site: 'bad site', kind: 'no_orders', webhook }, /^site: /],
    ];
    for (const [body, message] of cases) {
      const response = await add(body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect((await response.json()).error, JSON.stringify(body)).toMatch(message);
    }
  });

  it('refuses a rule for a site that does not exist: 404', async () => {
    const response = await add({ site: 'elsewhere', kind: 'no_orders', webhook });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'unknown site: elsewhere' });
  });

  it('needs the collector token: 401 without, 403 with a share token', async () => {
    expect((await add({ site: 'shop-a', kind: 'no_orders', webhook }, json)).status).toBe(401);
    expect((await api('/api/alerts', {}, {})).status).toBe(401);
    const share = await (
      await api('/api/shares', { method: 'POST', body: JSON.stringify({ site: 'shop-a' }) })
    ).json();
    const shared = { ...json, authorization: `Bearer ${share.token}` };
    const refused = await add({ site: 'shop-a', kind: 'no_orders', webhook }, shared);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ error: 'a share link cannot manage alerts' });
    expect((await api('/api/alerts?site=shop-a', {}, shared)).status).toBe(403);
    expect((await api('/api/alerts/0123456789abcdef', { method: 'DELETE' }, shared)).status).toBe(403);
  });

  it('removes a rule, and answers 404 for one it does not know', async () => {
    const rule = await (
      await add({ site: 'shop-b', kind: 'threshold', metric: 'activeUsers', below: 1, webhook })
    ).json();
    const removed = await api(`/api/alerts/${rule.id}`, { method: 'DELETE' });
    expect(await removed.json()).toEqual({ deleted: rule.id });
    expect((await (await api('/api/alerts?site=shop-b')).json()).alerts).toEqual([]);
    for (const id of [rule.id, 'not-an-id']) {
      const again = await api(`/api/alerts/${id}`, { method: 'DELETE' });
      expect(again.status).toBe(404);
      expect(await again.json()).toEqual({ error: `unknown alert: ${id}` });
    }
  });

  it(`keeps at most ${MAX_RULES_PER_SITE} rules per site: 409`, async () => {
    for (let i = 0; i < MAX_RULES_PER_SITE; i++)
      expect(
        (await add({ site: 'shop-full', kind: 'spike', metric: 'orders', percent: 200 + i, webhook })).status,
      ).toBe(201);
    const over = await add({ site: 'shop-full', kind: 'no_orders', webhook });
    expect(over.status).toBe(409);
    expect((await over.json()).error).toMatch(/has 50 alert rules already/);
    // another site is not affected, and the listing of every site has them all
    expect((await add({ site: 'shop-c', kind: 'no_orders', webhook })).status).toBe(201);
    const all = (await (await api('/api/alerts')).json()).alerts;
    expect(all.filter((a: { site: string }) => a.site === 'shop-full')).toHaveLength(MAX_RULES_PER_SITE);
    expect((await api('/api/alerts?site=bad%20site')).status).toBe(400);
  });
});
