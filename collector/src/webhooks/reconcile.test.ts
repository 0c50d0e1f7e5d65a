/**
 * Orders reconciled end to end: a storefront's `purchase` (POST /ingest, text/plain, as the SDK and the
 * Shopify custom pixel send it) and the shop's own signed webhooks (the real-shape fixtures, their times
 * moved next to a simulated clock) go through the stream and the consumer, and the live snapshot
 * (`GET /api/realtime`) shows each order once at the backend's value, refunds and cancellations taken off
 * once, and who reported what (coverage) over the window and today.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { MINUTE } from '../config.js';
import { createClient } from '../redis/client.js';
import { storedBatches } from '../testing/backend.js';
import { BROWSER_UA, getSnapshot, registerSite, testCartpulse } from '../testing/cartpulse.js';
import { waitUntilProcessed } from '../testing/drain.js';
import {
  deliverShopify,
  deliverWooCommerce,
  shopifyTime,
  webhookFixture,
  wooCommerceTime,
} from '../testing/webhooks.js';
import type { Snapshot } from '../windows/snapshot.js';

const HOUR = 60 * MINUTE;
/** 09:00 in Berlin: every step below happens on that one local date. */
const START = Date.UTC(2026, 2, 10, 8, 0);
const TIMEZONE = 'Europe/Berlin';
const SHOPIFY_SECRET = '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';
const WOO_SECRET = 'wc-secret: ünïcode & spaces';

let now = START;
// The e-commerce window is two hours here (it is 15 minutes by default), so that a webhook retried an
// hour later, and refunds after it, still meet their order inside the window as well as in today.
const cartpulse = await testCartpulse({
  clock: () => now,
  windows: { activeMs: 5 * MINUTE, pagesMs: 15 * MINUTE, commerceMs: 2 * HOUR },
});
const redis = createClient(cartpulse.options);
afterAll(() => redis.disconnect());

const processed = () => waitUntilProcessed(redis, cartpulse.context.partitions, cartpulse.options.group);

async function shopWithSecrets(id: string) {
  await registerSite(cartpulse.url, {
    id,
    timezone: TIMEZONE,
    shopifySecret: SHOPIFY_SECRET,
    woocommerceSecret: WOO_SECRET,
  });
}

interface BrowserPurchase {
  order: string;
  value: number;
  /** The purchase's own time (the checkout's completion), sent at `now`. */
  ts: number;
  vid: string;
  sid: string;
  items?: { id: string; name: string; price: number; qty: number }[];
}

/** The thank-you page's view and the purchase, in one text/plain batch as the custom pixel sends them. */
async function browserPurchase(site: string, { order, value, ts, vid, sid, items = [] }: BrowserPurchase) {
  const url = 'https://demo-shop.example/checkouts/cn/:token/thank-you';
  const response = await fetch(`${cartpulse.url}/ingest`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8', 'user-agent': BROWSER_UA },
    body: JSON.stringify({
      site,
      sent: now,
      events: [
        {
          type: 'pageview',
          id: `pv-${order}`,
          ts: ts - 500,
          vid,
          sid,
          url,
        },
        { type: 'purchase', id: `p-${order}`, ts, vid, sid, url, order, value, currency: 'EUR', items },
      ],
    }),
  });
  expect(response.status).toBe(202);
  expect(await response.json()).toEqual({ accepted: 2, rejected: 0 });
}

/** The numbers of orders of a snapshot: the window's and today's. */
async function orderNumbers(site: string) {
  await processed();
  const snapshot = (await getSnapshot(cartpulse.url, site)) as Snapshot;
  return {
    orders: snapshot.ecommerce.orders,
    revenue: snapshot.ecommerce.revenue,
    coverage: snapshot.ecommerce.coverage,
    today: { orders: snapshot.today?.orders, revenue: snapshot.today?.revenue },
  };
}

interface Expected {
  orders: number;
  /** EUR; 0: none. */
  revenue: number;
  browser: number;
  backend: number;
  both: number;
  browserShare: number | null;
  /** EUR of the orders only the backend reported. */
  backendOnly?: number;
}

/** The same numbers over the window and today: every order here is in both. */
function inWindowAndToday({ orders, revenue, browser, backend, both, browserShare, backendOnly }: Expected) {
  const eur = (amount = 0) => (amount === 0 ? {} : { EUR: amount });
  const coverage = { browser, backend, both, browserShare, backendOnlyRevenue: eur(backendOnly) };
  return {
    orders,
    revenue: eur(revenue),
    coverage: { window: coverage, today: coverage },
    today: { orders, revenue: eur(revenue) },
  };
}

const accepted = async (response: Response, count = 1) => {
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ accepted: count, rejected: 0 });
};

describe('Shopify: the custom pixel and the order webhooks, one order each', async () => {
  const SITE = 'reconcile-shopify';
  await shopWithSecrets(SITE);
  const shopify = (topic: string, payload: unknown, webhookId: string, secret = SHOPIFY_SECRET) =>
    deliverShopify(cartpulse.url, SITE, topic, payload, { secret, webhookId, at: now });

  // Order A: the pixel reports it first, at the items' 54.90; the webhook's total_price adds 5.00 shipping.
  const A = '5678901234567';
  const createdA = { ...webhookFixture('shopify-orders-create'), created_at: shopifyTime(START - 5000) };
  const WEBHOOK_A = 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043';
  // Order B: the webhook is first; the pixel's request arrives half a minute later.
  const B = '5678901239876';
  const createdAtB = START + 5 * MINUTE;
  const createdB = {
    ...webhookFixture('shopify-orders-create'),
    id: Number(B),
    admin_graphql_api_id: `gid://shopify/Order/${B}`,
    name: '#1043',
    order_number: 1043,
    total_price: '84.50',
    created_at: shopifyTime(createdAtB),
    note_attributes: [
      { name: '_cartpulse_vid', value: 'v-b2' },
      { name: '_cartpulse_sid', value: 's-b2' },
    ],
  };

  it('counts a pixel purchase, then its orders/create webhook, as one order at the webhook total', async () => {
    await browserPurchase(SITE, {
      order: A,
      value: 54.9,
      ts: START - 2000,
      vid: 'v-3f9c2a71',
      sid: 's-77a1d0e4',
      items: [
        { id: '8061536829755', name: 'Mug', price: 19.95, qty: 2 },
        { id: '8061536862523', name: 'Tea sampler', price: 15, qty: 1 },
      ],
    });
    expect(await orderNumbers(SITE)).toEqual(
      inWindowAndToday({ orders: 1, revenue: 54.9, browser: 1, backend: 0, both: 0, browserShare: null }),
    );

    now = START + 20_000;
    await accepted(await shopify('orders/create', createdA, WEBHOOK_A));
    expect(await orderNumbers(SITE)).toEqual(
      inWindowAndToday({ orders: 1, revenue: 59.9, browser: 1, backend: 1, both: 1, browserShare: 1 }),
    );
  });

  it('counts a webhook, then the pixel purchase of the same order, as one order at the webhook total', async () => {
    now = createdAtB + 4000;
    await accepted(await shopify('orders/create', createdB, crypto.randomUUID()));
    expect(await orderNumbers(SITE)).toEqual(
      inWindowAndToday({
        orders: 2,
        revenue: 144.4,
        browser: 1,
        backend: 2,
        both: 1,
        browserShare: 0.5,
        backendOnly: 84.5,
      }),
    );

    now = createdAtB + 30_000;
    await browserPurchase(SITE, { order: B, value: 79.5, ts: createdAtB + 1500, vid: 'v-b2', sid: 's-b2' });
    expect(await orderNumbers(SITE)).toEqual(
      inWindowAndToday({ orders: 2, revenue: 144.4, browser: 2, backend: 2, both: 2, browserShare: 1 }),
    );
  });

  it('counts a delivery retried an hour later once, and refuses a wrongly signed one (401), storing nothing', async () => {
    const before = await orderNumbers(SITE);
    now = START + HOUR + 20_000;
    await accepted(await shopify('orders/create', createdA, WEBHOOK_A));
    expect(await orderNumbers(SITE)).toEqual(before);

    const stored = (await storedBatches(cartpulse.context.producer, cartpulse.context.keysFor(SITE), SITE))
      .length;
    const C = { ...createdB, id: 5678901230001, created_at: shopifyTime(now - 3000) };
    const forged = await shopify('orders/create', C, crypto.randomUUID(), 'shpss_not-the-shops-secret');
    expect(forged.status).toBe(401);
    const refund = { ...webhookFixture('shopify-refunds-create'), processed_at: shopifyTime(now) };
    expect((await shopify('refunds/create', refund, crypto.randomUUID(), '')).status).toBe(401);
    expect(
      (await storedBatches(cartpulse.context.producer, cartpulse.context.keysFor(SITE), SITE)).length,
    ).toBe(stored);
    expect(await orderNumbers(SITE)).toEqual(before);
  });

  it("takes a refund's successful transactions off once, however often it is delivered", async () => {
    // 12.50 + 7.45 = 19.95 refunded; the third transaction (3.19) failed
    now = START + HOUR + 5 * MINUTE;
    const refund = {
      ...webhookFixture('shopify-refunds-create'),
      created_at: shopifyTime(now - 1000),
      processed_at: shopifyTime(now - 1000),
    };
    const WEBHOOK_REFUND = '1c7a3c52-5b0e-4c6b-9a1f-3d1e2f8a9b10';
    await accepted(await shopify('refunds/create', refund, WEBHOOK_REFUND));
    const refunded = inWindowAndToday({
      orders: 2,
      revenue: 124.45,
      browser: 2,
      backend: 2,
      both: 2,
      browserShare: 1,
    });
    expect(await orderNumbers(SITE)).toEqual(refunded);

    now += 10 * MINUTE; // Shopify's retry of the same delivery
    await accepted(await shopify('refunds/create', refund, WEBHOOK_REFUND));
    expect(await orderNumbers(SITE)).toEqual(refunded);
  });

  it('takes what is left of a cancelled order off, once, with the refund Shopify sends beside it', async () => {
    now = START + HOUR + 20 * MINUTE;
    const cancelledAt = now - 2000;
    const cancelled = {
      ...webhookFixture('shopify-orders-cancelled'),
      id: Number(B),
      admin_graphql_api_id: `gid://shopify/Order/${B}`,
      created_at: shopifyTime(createdAtB),
      cancelled_at: shopifyTime(cancelledAt),
      updated_at: shopifyTime(cancelledAt + 1000),
    };
    await accepted(await shopify('orders/cancelled', cancelled, crypto.randomUUID()));
    const afterCancel = inWindowAndToday({
      orders: 2,
      revenue: 39.95,
      browser: 2,
      backend: 2,
      both: 2,
      browserShare: 1,
    });
    expect(await orderNumbers(SITE)).toEqual(afterCancel);

    // cancelling with a refund: Shopify sends refunds/create for the whole amount too
    const refund = webhookFixture('shopify-refunds-create');
    const wholeRefund = {
      ...refund,
      id: 974007468399,
      order_id: Number(B),
      processed_at: shopifyTime(cancelledAt),
      transactions: [{ ...(refund.transactions as object[])[0], amount: '84.50', order_id: Number(B) }],
    };
    await accepted(await shopify('refunds/create', wholeRefund, crypto.randomUUID()));
    expect(await orderNumbers(SITE)).toEqual(afterCancel);
  });
});

describe('WooCommerce: the order webhooks by status, one order each', async () => {
  const SITE = 'reconcile-woo';
  await shopWithSecrets(SITE);
  const woo = (topic: string, payload: unknown) =>
    deliverWooCommerce(cartpulse.url, SITE, topic, payload, WOO_SECRET);
  const paidAt = START + 2 * HOUR;
  const order = {
    ...webhookFixture('woocommerce-order'),
    date_created_gmt: wooCommerceTime(paidAt - 4 * MINUTE),
    date_modified_gmt: wooCommerceTime(paidAt),
    date_paid_gmt: wooCommerceTime(paidAt),
  };

  it('counts order.created when processing, once more nothing when it is updated to completed', async () => {
    now = paidAt + 1000;
    await browserPurchase(SITE, {
      order: '727',
      value: 55.7,
      ts: paidAt + 500,
      vid: 'v-3f9c2a71',
      sid: 's-77a1d0e4',
    });
    now = paidAt + 3000;
    await accepted(await woo('order.created', order));
    const paid = inWindowAndToday({
      orders: 1,
      revenue: 59.9,
      browser: 1,
      backend: 1,
      both: 1,
      browserShare: 1,
    });
    expect(await orderNumbers(SITE)).toEqual(paid);

    now = paidAt + 30 * MINUTE;
    const completed = {
      ...order,
      status: 'completed',
      date_completed_gmt: wooCommerceTime(now),
      date_modified_gmt: wooCommerceTime(now),
    };
    await accepted(await woo('order.updated', completed));
    expect(await orderNumbers(SITE)).toEqual(paid);
  });

  it('counts nothing for a pending order', async () => {
    const before = await orderNumbers(SITE);
    now = paidAt + 35 * MINUTE;
    const pending = {
      ...order,
      id: 728,
      number: '728',
      status: 'pending',
      total: '12.00',
      date_created_gmt: wooCommerceTime(now - 1000),
      date_modified_gmt: wooCommerceTime(now - 1000),
      date_paid_gmt: null,
    };
    const response = await woo('order.created', pending);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ accepted: 0, rejected: 0 });
    expect(await orderNumbers(SITE)).toEqual(before);
  });

  it('takes a refunded order off once, beside an order only the backend reported', async () => {
    now = paidAt + 40 * MINUTE;
    const other = {
      ...order,
      id: 729,
      number: '729',
      total: '20.00',
      meta_data: [],
      date_created_gmt: wooCommerceTime(now - 60_000),
      date_paid_gmt: wooCommerceTime(now - 1000),
    };
    await accepted(await woo('order.created', other));
    expect(await orderNumbers(SITE)).toEqual(
      inWindowAndToday({
        orders: 2,
        revenue: 79.9,
        browser: 1,
        backend: 2,
        both: 1,
        browserShare: 0.5,
        backendOnly: 20,
      }),
    );

    now = paidAt + 50 * MINUTE;
    const refunded = { ...order, status: 'refunded', date_modified_gmt: wooCommerceTime(now - 1000) };
    await accepted(await woo('order.updated', refunded));
    const afterRefund = inWindowAndToday({
      orders: 2,
      revenue: 20,
      browser: 1,
      backend: 2,
      both: 1,
      browserShare: 0.5,
      backendOnly: 20,
    });
    expect(await orderNumbers(SITE)).toEqual(afterRefund);

    // an edit of the refunded order updates it again, with the same status
    now = paidAt + 55 * MINUTE;
    await accepted(await woo('order.updated', { ...refunded, date_modified_gmt: wooCommerceTime(now) }));
    expect(await orderNumbers(SITE)).toEqual(afterRefund);
  });
});

describe('an order only the backend reported', async () => {
  const SITE = 'reconcile-backend-only';
  await shopWithSecrets(SITE);

  it("counts in coverage as the backend's alone, its revenue as backend-only, refunds included", async () => {
    now = START + 4 * HOUR;
    const created = { ...webhookFixture('shopify-orders-create'), created_at: shopifyTime(now - 2000) };
    const shopify = (topic: string, payload: unknown) =>
      deliverShopify(cartpulse.url, SITE, topic, payload, { secret: SHOPIFY_SECRET, at: now });
    await accepted(await shopify('orders/create', created));
    const numbers = await orderNumbers(SITE);
    expect(numbers).toEqual(
      inWindowAndToday({
        orders: 1,
        revenue: 59.9,
        browser: 0,
        backend: 1,
        both: 0,
        browserShare: 0,
        backendOnly: 59.9,
      }),
    );
    expect(numbers.coverage?.window.browserShare).toBeLessThan(1);

    now += 10 * MINUTE;
    const refund = { ...webhookFixture('shopify-refunds-create'), processed_at: shopifyTime(now - 1000) };
    await accepted(await shopify('refunds/create', refund));
    expect(await orderNumbers(SITE)).toEqual(
      inWindowAndToday({
        orders: 1,
        revenue: 39.95,
        browser: 0,
        backend: 1,
        both: 0,
        browserShare: 0,
        backendOnly: 39.95,
      }),
    );

    // another refund of the same amount is another delivery (its own webhook id): it is taken off too
    now += 10 * MINUTE;
    const second = { ...refund, id: 974007468313, processed_at: shopifyTime(now - 1000) };
    await accepted(await shopify('refunds/create', second));
    expect(await orderNumbers(SITE)).toEqual(
      inWindowAndToday({
        orders: 1,
        revenue: 20,
        browser: 0,
        backend: 1,
        both: 0,
        browserShare: 0,
        backendOnly: 20,
      }),
    );
  });
});
