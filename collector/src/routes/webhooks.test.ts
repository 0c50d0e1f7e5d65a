import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deadLetters, storedBatches } from '../testing/backend.js';
import { registerSite, testCartpulse } from '../testing/cartpulse.js';
import { webhookSignature } from '../webhooks/verify.js';

const HOUR = 60 * 60 * 1000;
const SHOPIFY_SECRET = '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';
const WOO_SECRET = 'wc-webhook-secret: ünïcode & spaces';
const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../webhooks/fixtures/${name}.json`, import.meta.url), 'utf8'));
/** Shopify's offset times, as its payloads carry them. */
const shopifyTime = (t: number) => new Date(t + HOUR).toISOString().replace(/\.\d+Z$/, '+01:00');
/** WooCommerce's `*_gmt` times: UTC without a zone. */
const gmt = (t: number) => new Date(t).toISOString().replace(/\.\d+Z$/, '');

describe('POST /webhooks/shopify/<site>', async () => {
  const reasons: string[] = [];
  const { url, context } = await testCartpulse(
    { sites: ['pattern-*'], consumer: false },
    { collector: { onRejected: (reason) => reasons.push(reason) } },
  );
  await registerSite(url, { id: 'shopify-shop', shopifySecret: SHOPIFY_SECRET });
  await registerSite(url, { id: 'no-secret-shop' });
  const keys = context.keysFor('shopify-shop');
  const stored = () => storedBatches(context.producer, keys, 'shopify-shop');
  const deliver = (
    topic: string,
    payload: unknown,
    {
      secret = SHOPIFY_SECRET,
      site = 'shopify-shop',
      webhookId = crypto.randomUUID() as string,
      signature = '',
    } = {},
  ) => {
    const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
    return fetch(`${url}/webhooks/shopify/${site}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-shopify-topic': topic,
        'x-shopify-hmac-sha256': signature || webhookSignature(Buffer.from(body), secret),
        'x-shopify-shop-domain': 'demo-shop.myshopify.com',
        'x-shopify-api-version': '2025-10',
        'x-shopify-webhook-id': webhookId,
        'x-shopify-triggered-at': new Date().toISOString(),
        'x-shopify-event-id': crypto.randomUUID(),
      },
      body,
    });
  };
  const created = Date.now() - HOUR;
  const order = { ...fixture('shopify-orders-create'), created_at: shopifyTime(created) };

  it('stores a signed orders/create as a backend purchase, answered 200', async () => {
    const webhookId = 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043';
    const response = await deliver('orders/create', order, { webhookId });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ accepted: 1, rejected: 0 });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(await stored()).toEqual([
      {
        site: 'shopify-shop',
        events: [
          {
            id: `shopify:${webhookId}`,
            type: 'purchase',
            origin: 'backend',
            t: Math.floor(created / 1000) * 1000,
            vid: 'v-3f9c2a71',
            sid: 's-77a1d0e4',
            order: '5678901234567',
            value: 59.9,
            currency: 'EUR',
            items: [
              { id: '8061536829755', name: 'Mug', price: 19.95, qty: 2 },
              { id: '8061536862523', name: 'Tea sampler', price: 15, qty: 1 },
            ],
          },
        ],
      },
    ]);
  });

  it('stores a replayed delivery again under the same event id, which the consumer counts once', async () => {
    const webhookId = 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043';
    expect((await deliver('orders/create', order, { webhookId })).status).toBe(200);
    const [first, replay] = (await stored()).map((batch) => batch.events[0]);
    expect(replay).toEqual(first);
  });

  it('refuses an unsigned, a wrongly signed, or an unsecreted webhook with 401, storing nothing', async () => {
    const before = (await stored()).length;
    const body = JSON.stringify(order);
    const unsigned = await fetch(`${url}/webhooks/shopify/shopify-shop`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-shopify-topic': 'orders/create' },
      body,
    });
    expect(unsigned.status).toBe(401);
    expect((await unsigned.json()).error).toContain('X-Shopify-Hmac-Sha256');
    expect((await deliver('orders/create', order, { secret: 'another-secret' })).status).toBe(401);
    // signed for another body: the signature is over the raw bytes, so re-serialised JSON fails too
    const reshaped = webhookSignature(Buffer.from(JSON.stringify(order, null, 2)), SHOPIFY_SECRET);
    expect((await deliver('orders/create', order, { signature: reshaped })).status).toBe(401);
    expect((await deliver('orders/create', order, { site: 'no-secret-shop' })).status).toBe(401);
    expect((await deliver('orders/create', order, { site: 'pattern-shop' })).status).toBe(401);
    // and an unknown topic unsigned is no way around it
    expect((await deliver('products/update', {}, { secret: 'x' })).status).toBe(401);
    expect((await stored()).length).toBe(before);
    expect(reasons.filter((r) => r === 'bad_signature')).toHaveLength(6);
  });

  it('answers 200 and stores nothing for topics that count nothing', async () => {
    const before = (await stored()).length;
    for (const topic of ['orders/updated', 'orders/paid', 'products/update', 'app/uninstalled']) {
      const response = await deliver(topic, order);
      expect(response.status, topic).toBe(200);
      expect(await response.json()).toEqual({ accepted: 0, rejected: 0 });
    }
    expect((await stored()).length).toBe(before);
  });

  it('maps orders/cancelled and refunds/create to refunds', async () => {
    const cancelledAt = Date.now() - 60_000;
    const cancelled = { ...fixture('shopify-orders-cancelled'), cancelled_at: shopifyTime(cancelledAt) };
    expect((await deliver('orders/cancelled', cancelled, { webhookId: 'c-1' })).status).toBe(200);
    const refundedAt = Date.now() - 30_000;
    const refund = { ...fixture('shopify-refunds-create'), processed_at: shopifyTime(refundedAt) };
    expect((await deliver('refunds/create', refund, { webhookId: 'r-1' })).status).toBe(200);
    const empty = { ...refund, transactions: [] };
    expect(await (await deliver('refunds/create', empty, { webhookId: 'r-2' })).json()).toEqual({
      accepted: 0,
      rejected: 0,
    });
    expect((await stored()).slice(-2).map((batch) => batch.events)).toEqual([
      [
        {
          id: 'shopify:c-1',
          type: 'refund',
          origin: 'backend',
          t: Math.floor(cancelledAt / 1000) * 1000,
          vid: 'v-3f9c2a71',
          sid: 's-77a1d0e4',
          order: '5678901234567',
          currency: 'EUR',
        },
      ],
      [
        {
          id: 'shopify:r-1',
          type: 'refund',
          origin: 'backend',
          t: Math.floor(refundedAt / 1000) * 1000,
          vid: '',
          order: '5678901234567',
          value: 19.95,
          currency: 'EUR',
        },
      ],
    ]);
  });

  it('dead-letters a signed order it cannot read as one (200, rejected: 1), and refuses bad JSON', async () => {
    const { currency: _, ...noCurrency } = order;
    const response = await deliver('orders/create', noCurrency, { webhookId: 'bad-1' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ accepted: 0, rejected: 1 });
    const [letter] = (await deadLetters(context.producer, keys, 'shopify-shop')).slice(-1);
    expect(letter).toMatchObject({ stage: 'ingest', site: 'shopify-shop' });
    expect(letter.reason).toContain('currency');
    const raw = JSON.parse(letter.raw);
    expect(raw).toMatchObject({ webhook: 'shopify:bad-1', order: { order: '5678901234567', value: 59.9 } });
    expect(letter.raw).not.toContain('jane@example.com'); // the buyer's details are never stored
    expect((await deliver('orders/create', '{"id": 1,')).status).toBe(400);
    expect(reasons).toContain('invalid_event');
  });

  it('answers 404 for an unknown site and 413 for a body over 1 MiB', async () => {
    expect((await deliver('orders/create', order, { site: 'nobody' })).status).toBe(404);
    const huge = { ...order, note: 'x'.repeat(1024 * 1024) };
    expect((await deliver('orders/create', huge)).status).toBe(413);
  });
});

describe('POST /webhooks/woocommerce/<site>', async () => {
  const { url, context } = await testCartpulse({ sites: [], consumer: false });
  await registerSite(url, { id: 'woo-shop', woocommerceSecret: WOO_SECRET });
  const keys = context.keysFor('woo-shop');
  const stored = () => storedBatches(context.producer, keys, 'woo-shop');
  const deliver = (topic: string, payload: unknown, secret: string | null = WOO_SECRET) => {
    const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'WooCommerce/9.4.2 Hookshot (WordPress/6.7.1)',
      'x-wc-webhook-source': 'https://demo-shop.example/',
      'x-wc-webhook-topic': topic,
      'x-wc-webhook-resource': 'order',
      'x-wc-webhook-event': topic.split('.')[1] ?? '',
      'x-wc-webhook-id': '12',
      'x-wc-webhook-delivery-id': crypto.randomUUID(),
    };
    if (secret) headers['x-wc-webhook-signature'] = webhookSignature(Buffer.from(body), secret);
    return fetch(`${url}/webhooks/woocommerce/woo-shop`, { method: 'POST', headers, body });
  };
  const paidAt = Date.now() - HOUR;
  const order = {
    ...fixture('woocommerce-order'),
    date_paid_gmt: gmt(paidAt),
    date_created_gmt: gmt(paidAt - 9000),
  };

  it("answers WooCommerce's ping on webhook creation with 200, signed or not, storing nothing", async () => {
    const ping = (headers: Record<string, string>) =>
      fetch(`${url}/webhooks/woocommerce/woo-shop`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: 'webhook_id=12',
      });
    expect((await ping({})).status).toBe(200);
    const signature = webhookSignature(Buffer.from('webhook_id=12'), WOO_SECRET);
    expect((await ping({ 'x-wc-webhook-signature': signature })).status).toBe(200);
    expect(await stored()).toEqual([]);
  });

  it('stores a signed paid order once, whatever paid status or topic repeats it', async () => {
    expect((await deliver('order.created', order)).status).toBe(200);
    expect((await deliver('order.updated', order)).status).toBe(200);
    expect((await deliver('order.updated', { ...order, status: 'completed' })).status).toBe(200);
    const events = (await stored()).map((batch) => batch.events);
    expect(events).toHaveLength(3);
    const expected = {
      id: 'woocommerce:727:paid',
      type: 'purchase',
      origin: 'backend',
      t: Math.floor(paidAt / 1000) * 1000,
      vid: 'v-3f9c2a71',
      sid: 's-77a1d0e4',
      order: '727',
      value: 59.9,
      currency: 'EUR',
      items: [
        { id: '93', name: 'Mug - Blue', price: 16.765, qty: 2 },
        { id: '22', name: 'Tea sampler', price: 12.61, qty: 1 },
      ],
    };
    for (const batch of events) expect(batch).toEqual([expected]);
  });

  it('stores nothing for an update of an order paid more than 24 hours ago', async () => {
    const before = (await stored()).length;
    const old = { ...order, id: 700, status: 'completed', date_paid_gmt: gmt(Date.now() - 72 * HOUR) };
    const response = await deliver('order.updated', old);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ accepted: 0, rejected: 0 });
    expect((await stored()).length).toBe(before);
  });

  it('refuses unsigned and wrongly signed deliveries with 401', async () => {
    const before = (await stored()).length;
    expect((await deliver('order.created', order, null)).status).toBe(401);
    expect((await deliver('order.created', order, 'another')).status).toBe(401);
    expect((await stored()).length).toBe(before);
  });

  it('stores nothing for unpaid statuses and other topics', async () => {
    const before = (await stored()).length;
    for (const status of ['pending', 'on-hold', 'failed', 'checkout-draft']) {
      const response = await deliver('order.created', { ...order, id: 800, status });
      expect(response.status, status).toBe(200);
      expect(await response.json()).toEqual({ accepted: 0, rejected: 0 });
    }
    expect((await deliver('order.deleted', order)).status).toBe(200);
    expect((await deliver('product.updated', { id: 93 })).status).toBe(200);
    expect((await stored()).length).toBe(before);
  });

  it('turns an update to refunded into a refund of the whole order, replays with the same id', async () => {
    const at = Date.now() - 5000;
    const refunded = { ...order, status: 'refunded', date_modified_gmt: gmt(at) };
    expect((await deliver('order.updated', refunded)).status).toBe(200);
    expect((await deliver('order.updated', { ...refunded, status: 'cancelled' })).status).toBe(200);
    const [refund, again] = (await stored()).slice(-2).map((batch) => batch.events);
    expect(refund).toEqual([
      {
        id: 'woocommerce:727:refund',
        type: 'refund',
        origin: 'backend',
        t: Math.floor(at / 1000) * 1000,
        vid: 'v-3f9c2a71',
        sid: 's-77a1d0e4',
        order: '727',
        currency: 'EUR',
      },
    ]);
    expect(again).toEqual(refund);
  });
});
