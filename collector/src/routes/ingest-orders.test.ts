import { describe, expect, it } from 'vitest';
import { deadLetters, siteWithKey, storedBatches } from '../testing/backend.js';
import { TEST_TOKEN, testCartpulse } from '../testing/cartpulse.js';

const HOUR = 60 * 60 * 1000;

describe('POST /ingest/orders', async () => {
  const reasons: string[] = [];
  let acceptedEvents = 0;
  const { url, context } = await testCartpulse(
    { sites: [], consumer: false },
    {
      collector: {
        onRejected: (reason) => reasons.push(reason),
        onAccepted: (count) => (acceptedEvents += count),
      },
    },
  );
  const { key } = await siteWithKey(url, { id: 'order-shop' });
  const keys = context.keysFor('order-shop');
  const send = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${url}/ingest/orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const order = (fields: Record<string, unknown> = {}) => ({
    site: 'order-shop',
    order: '1042',
    value: 59.9,
    currency: 'EUR',
    items: [{ id: 'mug-1', name: 'Mug', price: 29.95, qty: 2 }],
    ts: Date.now() - HOUR,
    ...fields,
  });

  it('stores a valid order as one backend purchase, answered 202 after the XADD', async () => {
    const ts = Date.now() - HOUR;
    const response = await send(order({ ts, vid: 'v-3f9c', sid: 's-77a1' }));
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ accepted: 1, rejected: 0 });
    for (const name of ['access-control-allow-origin', 'access-control-expose-headers', 'vary'])
      expect(response.headers.get(name), name).toBeNull();
    expect(await storedBatches(context.producer, keys, 'order-shop')).toEqual([
      {
        site: 'order-shop',
        events: [
          {
            id: 'api:1042',
            type: 'purchase',
            origin: 'backend',
            t: ts,
            vid: 'v-3f9c',
            sid: 's-77a1',
            order: '1042',
            value: 59.9,
            currency: 'EUR',
            items: [{ id: 'mug-1', name: 'Mug', price: 29.95, qty: 2 }],
          },
        ],
      },
    ]);
    expect(acceptedEvents).toBe(1);
  });

  it('gives a retried order the same event id; moves a future time to now, refuses one over 24 h old', async () => {
    const before = Date.now();
    const ahead = await send(order({ ts: before + HOUR, vid: undefined, items: undefined }));
    expect(await ahead.json()).toEqual({ accepted: 1, rejected: 0 });
    const [, retry] = (await storedBatches(context.producer, keys, 'order-shop')).map((b) => b.events[0]);
    expect(retry.id).toBe('api:1042');
    expect(retry.t).toBeGreaterThanOrEqual(before);
    expect(retry.t).toBeLessThan(before + 60_000);
    expect(retry).toMatchObject({ vid: '', items: [] });
    expect(retry).not.toHaveProperty('sid');

    const old = await send(order({ ts: before - 25 * HOUR }));
    expect(old.status).toBe(202);
    expect(await old.json()).toEqual({ accepted: 0, rejected: 1 });
    const [letter] = (await deadLetters(context.producer, keys, 'order-shop')).slice(-1);
    expect(letter.reason).toBe('ts: the order happened more than 24 hours before it arrived');
    expect((await storedBatches(context.producer, keys, 'order-shop')).length).toBe(2);
    expect((await send(order({ ts: before - 23 * HOUR }))).status).toBe(202);
    expect((await storedBatches(context.producer, keys, 'order-shop')).length).toBe(3);
  });

  it('stores refunds with their amount and cancellations without one', async () => {
    const ts = Date.now() - 1000;
    expect((await send(order({ status: 'refunded', value: 10, ts, items: undefined }))).status).toBe(202);
    expect(
      (await send({ site: 'order-shop', order: '1042', currency: 'EUR', status: 'cancelled', ts })).status,
    ).toBe(202);
    const events = (await storedBatches(context.producer, keys, 'order-shop')).slice(-2).map((b) => b.events);
    expect(events).toEqual([
      [
        {
          id: 'api:refund:1042:10',
          type: 'refund',
          origin: 'backend',
          t: ts,
          vid: '',
          order: '1042',
          value: 10,
          currency: 'EUR',
        },
      ],
      [
        {
          id: 'api:cancel:1042',
          type: 'refund',
          origin: 'backend',
          t: ts,
          vid: '',
          order: '1042',
          currency: 'EUR',
        },
      ],
    ]);
  });

  it('dead-letters an invalid order with its reason and answers 202 with rejected: 1', async () => {
    const entries = (await storedBatches(context.producer, keys, 'order-shop')).length;
    for (const [bad, reason] of [
      [order({ currency: 'EURO' }), 'currency'],
      [order({ value: undefined }), 'an order needs a value'],
      [order({ status: 'cancelled' }), 'a cancellation takes no value'],
      [order({ status: 'refunded', value: 0 }), 'a refund needs a value above 0'],
      [order({ items: [{ name: 'no id' }] }), 'items.0.id'],
      [order({ order: 'x'.repeat(129) }), 'order'],
      [order({ status: 'shipped' }), 'status must be one of paid, refunded, cancelled'],
    ] as const) {
      const response = await send(bad);
      expect(response.status, reason).toBe(202);
      expect(await response.json()).toEqual({ accepted: 0, rejected: 1 });
      const [letter] = (await deadLetters(context.producer, keys, 'order-shop')).slice(-1);
      expect(letter, reason).toMatchObject({ stage: 'ingest', site: 'order-shop' });
      expect(letter.reason, reason).toContain(reason);
      expect(JSON.parse(letter.raw)).toEqual(JSON.parse(JSON.stringify(bad)));
    }
    expect((await storedBatches(context.producer, keys, 'order-shop')).length).toBe(entries);
    expect(reasons.filter((r) => r === 'invalid_event')).toHaveLength(8);
  });

  it('refuses requests without a server key of the site with 401', async () => {
    const { key: otherKey } = await siteWithKey(url, { id: 'other-shop' });
    const share = await (
      await fetch(`${url}/api/shares`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ site: 'order-shop' }),
      })
    ).json();
    const { id: revokedId, key: revoked } = await siteWithKey(url, { id: 'order-shop' });
    await fetch(`${url}/api/sites/order-shop/keys/${revokedId}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${TEST_TOKEN}` },
    });
    const entries = (await storedBatches(context.producer, keys, 'order-shop')).length;
    for (const authorization of [
      '',
      'Bearer',
      `Bearer ${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`, // one character off
      `Bearer ${TEST_TOKEN}`,
      `Bearer ${share.token}`,
      `Bearer ${otherKey}`,
      `Bearer ${revoked}`,
      `Basic ${Buffer.from(`x:${key}`).toString('base64')}`,
    ]) {
      const response = await send(order(), { authorization });
      expect(response.status, authorization).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      expect((await response.json()).error).toContain('server key');
    }
    expect((await storedBatches(context.producer, keys, 'order-shop')).length).toBe(entries);
    expect(reasons.filter((r) => r === 'unauthorized')).toHaveLength(8);
  });

  it('refuses browsers: 403 for a request with an Origin, and no CORS answer to a preflight', async () => {
    const response = await send(order(), { origin: 'https://shop.example' });
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect((await response.json()).error).toContain('Origin');
    const preflight = await fetch(`${url}/ingest/orders`, {
      method: 'OPTIONS',
      headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.status).toBe(404);
    expect(reasons).toContain('origin');
  });

  it('answers 400 for a malformed body, 404 for an unknown site, 413 for a large one', async () => {
    for (const [body, error] of [
      ['{', 'body is not valid JSON'],
      ['[]', 'expected a JSON object'],
      ['"order"', 'expected a JSON object'],
      [JSON.stringify({ order: '1' }), 'site'],
      [JSON.stringify({ site: 'no spaces' }), 'site must be'],
    ]) {
      const response = await send(body);
      expect(response.status, body).toBe(400);
      expect((await response.json()).error, body).toContain(error);
    }
    const unknown = await send(order({ site: 'nobody' }));
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: 'unknown site: nobody' });
    expect((await send(order({ items: [{ id: 'x'.repeat(70_000) }] }))).status).toBe(413);
  });

  it("writes the site's time zone with the entry, as /ingest does", async () => {
    const { key: berlinKey } = await siteWithKey(url, { id: 'berlin-shop', timezone: 'Europe/Berlin' });
    const response = await send(order({ site: 'berlin-shop' }), { authorization: `Bearer ${berlinKey}` });
    expect(response.status).toBe(202);
    const [batch] = await storedBatches(context.producer, context.keysFor('berlin-shop'), 'berlin-shop');
    expect(batch).toMatchObject({ site: 'berlin-shop', timezone: 'Europe/Berlin' });
    expect(batch).not.toHaveProperty('client');
  });

  it('holds the site to its rate limit with 429 and Retry-After', async () => {
    const { key: slowKey } = await siteWithKey(url, { id: 'slow-shop', rateLimit: 1 });
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 4; i++) {
      const response = await send(order({ site: 'slow-shop', order: `o-${i}` }), {
        authorization: `Bearer ${slowKey}`,
      });
      statuses.push(response.status);
      if (response.status === 429) retryAfter = response.headers.get('retry-after');
    }
    expect(statuses.slice(0, 2)).toEqual([202, 202]);
    expect(statuses.slice(2)).toContain(429);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(await storedBatches(context.producer, context.keysFor('slow-shop'), 'slow-shop')).toHaveLength(
      statuses.filter((s) => s === 202).length,
    );
  });
});

describe('POST /ingest/orders with Redis away', async () => {
  const cartpulse = await testCartpulse({ sites: [], consumer: false });
  const { key } = await siteWithKey(cartpulse.url, { id: 'down-shop' });
  const send = () =>
    fetch(`${cartpulse.url}/ingest/orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ site: 'down-shop', order: 'o-1', value: 5, currency: 'EUR' }),
    });

  it('answers 503 with Retry-After, never 2xx, and stores the order once Redis is back', async () => {
    expect((await send()).status).toBe(202);
    await cartpulse.redisServer.kill();
    const down = await send();
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toBe('5');
    expect((await down.json()).error).toContain('nothing was stored');
    await cartpulse.redisServer.restart();
    await expect.poll(async () => (await send()).status, { timeout: 15_000 }).toBe(202);
  });
});
