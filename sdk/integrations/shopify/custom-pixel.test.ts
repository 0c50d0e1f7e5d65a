/**
 * The Shopify custom pixel in Chromium, inside an emulated Web Pixels sandbox: the shop's page
 * (`fixtures/shop.html`) holds a sandboxed iframe (`fixtures/sandbox.html`: an opaque origin, with
 * Shopify's `analytics`, `browser` and `init`), served by a small HTTP server, and the pixel posts to a
 * real collector with a private Redis on another origin. The standard events of `fixtures/events.json`,
 * shaped as Shopify documents them, are published to the pixel; the requests it sent, what reached the
 * stream and the live snapshot are asserted. One site per test.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import type { Frame, Page } from 'playwright-core';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { getSnapshot, testCartpulse } from '../../../collector/src/testing/cartpulse.js';
import { launchBrowser, type Snapshot, streamEvents } from '../../src/e2e/harness.js';
import type { Batch, CartpulseEvent } from '../../src/protocol.js';

const read = (file: string) => readFileSync(new URL(file, import.meta.url), 'utf8');
const PIXEL = read('./custom-pixel.js');

/** A Shopify customer event: the fields the pixel reads, and the rest of what Shopify sends. */
interface ShopifyEvent {
  id: string;
  name: string;
  timestamp: string;
  // biome-ignore lint/suspicious/noExplicitAny: payloads are Shopify's, changed in place by some tests.
  data: any;
  [field: string]: unknown;
}
const FIXTURE: { init: Record<string, unknown>; events: ShopifyEvent[] } = JSON.parse(
  read('./fixtures/events.json'),
);
const byName = (name: string) => structuredClone(FIXTURE.events.find((event) => event.name === name)!);

const SHOP = 'https://demo-shop.myshopify.com';
const MUG = { id: '7234567890123', name: 'Ceramic Mug', price: 18, category: 'Kitchen' };
const TOTE = { id: '7234567890456', name: 'Canvas Tote', price: 24, category: 'Bags' };

/** The pixel as a shop owner sets it up: the two values at its top filled in. */
function configured(collector: string, site: string): string {
  let set = 0;
  const source = PIXEL.replace(/^const CARTPULSE_COLLECTOR = .*$/m, () => {
    set++;
    return `const CARTPULSE_COLLECTOR = ${JSON.stringify(collector)};`;
  }).replace(/^const CARTPULSE_SITE = .*$/m, () => {
    set++;
    return `const CARTPULSE_SITE = ${JSON.stringify(site)};`;
  });
  if (set !== 2) throw new Error('custom-pixel.js no longer starts with its two values');
  return source;
}

const cartpulse = await testCartpulse();
const inline = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');
/**
 * The shop for `site`: one server, so one origin and one localStorage, per site (the tests run side by
 * side in one browser), serving the two fixture pages.
 */
const shops = new Map<string, Promise<{ url: string; server: Server }>>();
function shopFor(site: string) {
  if (!shops.has(site)) shops.set(site, startShop());
  return shops.get(site)!.then((shop) => shop.url);
}

async function startShop() {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://shop');
    const name = url.pathname.slice(1);
    if (name !== 'shop.html' && name !== 'sandbox.html') return void response.writeHead(404).end();
    let html = read(`./fixtures/${name}`);
    if (name === 'sandbox.html') {
      const init = structuredClone(FIXTURE.init) as {
        customerPrivacy: { analyticsProcessingAllowed: boolean };
      };
      if (url.searchParams.get('consent') === 'denied')
        init.customerPrivacy.analyticsProcessingAllowed = false;
      const pixel = configured(
        url.searchParams.get('collector') ?? cartpulse.url,
        url.searchParams.get('site') ?? 'shop',
      );
      html = html.replace(
        '<!-- init and pixel -->',
        () => `<script>const init = ${inline(init)};</script>\n<script>${pixel}</script>`,
      );
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    response.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const browser = await launchBrowser();
afterAll(async () => {
  await browser.close();
  for (const shop of shops.values()) {
    const { server } = await shop;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

interface SentBatch {
  headers: Record<string, string>;
  body: Batch;
}

interface PixelFetch {
  url: string;
  method?: string;
  keepalive?: boolean;
  credentials?: string;
  headers?: unknown;
}

/** A shop page with the pixel loaded and subscribed, and the batches it posts to the collector. */
async function openShop(site: string, query: Record<string, string> = {}) {
  const page = await browser.context.newPage();
  const sent: Promise<SentBatch>[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url() === `${cartpulse.url}/ingest`)
      sent.push(request.allHeaders().then((headers) => ({ headers, body: JSON.parse(request.postData()!) })));
  });
  await page.goto(`${await shopFor(site)}/shop.html?${new URLSearchParams({ site, ...query })}`);
  const pixel = await sandboxOf(page);
  return { page, pixel, batches: () => Promise.all(sent) };
}

async function sandboxOf(page: Page): Promise<Frame> {
  const frame = (await (await page.waitForSelector('iframe')).contentFrame())!;
  await frame.waitForFunction(
    () => (window as unknown as { subscribed?(): string[] }).subscribed?.().length === 6,
  );
  return frame;
}

/** Publishes Shopify events to the pixel, in order, one after the other as Shopify delivers them. */
const publish = (pixel: Frame, events: ShopifyEvent[]) =>
  pixel.evaluate(
    (list) => list.map((event) => (window as unknown as { publish(event: unknown): void }).publish(event)),
    events,
  );

/** The events with times of the last few seconds, oldest first (`ago`: the last one's age in ms). */
const fresh = (events: ShopifyEvent[], ago = 0) =>
  events.map((event, index) => ({
    ...event,
    timestamp: new Date(Date.now() - ago - (events.length - index) * 1000).toISOString(),
  }));

/** The site's snapshot once `done` says it is complete. */
async function counted(site: string, done: (snapshot: Snapshot) => boolean): Promise<Snapshot> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const snapshot: Snapshot | undefined = await getSnapshot(cartpulse.url, site).catch(() => undefined);
    if (snapshot && done(snapshot)) return snapshot;
    if (Date.now() > deadline)
      throw new Error(`${site}: not counted within 20 s: ${JSON.stringify(snapshot)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits until `count` events were posted, and answers them. */
async function sentEvents(batches: () => Promise<SentBatch[]>, count: number): Promise<CartpulseEvent[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const events = (await batches()).flatMap((batch) => batch.body.events);
    if (events.length >= count) return events;
    if (Date.now() > deadline) throw new Error(`${events.length} of ${count} events sent within 10 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const storedIds = (page: Page) => page.evaluate(() => localStorage.getItem('cp.id'));

describe.concurrent('the Shopify custom pixel', () => {
  it("sends the funnel and the order from Shopify's six standard events, and the collector counts them", async () => {
    const site = 'shopify-funnel';
    const { page, pixel, batches } = await openShop(site);
    const events = fresh(FIXTURE.events);
    await publish(pixel, events);

    const snapshot = await counted(site, (s) => s.ecommerce.orders === 1);
    expect(snapshot.pageviews).toBe(1);
    expect(snapshot.topPages).toEqual([{ path: '/products/ceramic-mug', views: 1 }]);
    expect(snapshot.activeUsers).toBe(1);
    expect(snapshot.ecommerce).toMatchObject({
      viewItems: 1,
      addToCarts: 1,
      checkouts: 1,
      orders: 1,
      revenue: { EUR: 46.9 },
    });
    expect(snapshot.ecommerce.topProducts).toEqual([{ id: MUG.id, name: MUG.name, count: 2 }]);

    // One request: the purchase sends what waits at once, without waiting for the batch's delay.
    const sent = await batches();
    expect(sent).toHaveLength(1);
    const [{ headers, body }] = sent;
    // A simple request from the sandbox's opaque origin: text/plain, no credentials, no preflight.
    expect(headers['content-type']).toMatch(/^text\/plain\b/);
    expect(headers.origin).toBe('null');
    expect(headers.cookie).toBeUndefined();
    const fetches: PixelFetch[] = await pixel.evaluate(() => (window as unknown as { fetches: [] }).fetches);
    expect(fetches).toEqual([
      { url: `${cartpulse.url}/ingest`, method: 'POST', keepalive: true, credentials: 'omit' },
    ]);

    expect(body.site).toBe(site);
    const times = events.map((event) => Date.parse(event.timestamp));
    expect(body.sent).toBeGreaterThanOrEqual(times[5]);
    const { vid, sid } = body.events[0];
    expect(vid).toMatch(/^[a-z0-9]{6,12}$/);
    expect(sid).toBe(vid);
    const product = `${SHOP}/products/ceramic-mug?utm_source=newsletter&utm_medium=email`;
    const common = (index: number) => ({ id: events[index].id, ts: times[index], vid, sid });
    expect(body.events).toEqual([
      {
        type: 'pageview',
        ...common(0),
        url: product,
        ref: 'https://www.google.com/',
        title: 'Ceramic Mug – Demo Shop',
      },
      { type: 'view_item', ...common(1), url: product, items: [MUG], value: 18, currency: 'EUR' },
      {
        type: 'add_to_cart',
        ...common(2),
        url: product,
        items: [{ ...MUG, qty: 2 }],
        value: 36,
        currency: 'EUR',
      },
      {
        type: 'remove_from_cart',
        ...common(3),
        url: `${SHOP}/cart`,
        items: [{ ...MUG, qty: 1 }],
        value: 18,
        currency: 'EUR',
      },
      {
        type: 'begin_checkout',
        ...common(4),
        url: `${SHOP}/checkouts/cn/:token/information`,
        items: [
          { ...MUG, qty: 1 },
          { ...TOTE, qty: 1 },
        ],
        value: 46.9,
        currency: 'EUR',
      },
      {
        type: 'purchase',
        ...common(5),
        url: `${SHOP}/checkouts/cn/:token/thank-you`,
        items: [
          { ...MUG, qty: 1 },
          { ...TOTE, qty: 1 },
        ],
        value: 46.9,
        currency: 'EUR',
        order: '5678901234567',
      },
    ]);

    // In the stream: the order under its plain id, with the visitor and session the pixel keeps.
    const purchase = (await streamEvents(cartpulse, site)).find((event) => event.type === 'purchase');
    expect(purchase).toMatchObject({ order: '5678901234567', vid, sid, value: 46.9, currency: 'EUR' });
    expect(await storedIds(page)).toBe(`${vid}.${sid}.${times[5]}`);
    await page.close();
  });

  it('names an order by its plain id, whether Shopify gives a global id, a numeric string or a number', async () => {
    const site = 'shopify-orders';
    const { page, pixel, batches } = await openShop(site);
    const orders: unknown[] = ['gid://shopify/Order/1001', '1002', 1003];
    await publish(
      pixel,
      fresh(
        orders.map((id, index) => {
          const event = byName('checkout_completed');
          event.id += `-${index}`;
          event.data.checkout.order.id = id;
          return event;
        }),
      ),
    );
    const sent = await sentEvents(batches, 3);
    expect(sent.map((event) => event.order)).toEqual(['1001', '1002', '1003']);
    expect((await counted(site, (s) => s.ecommerce.orders === 3)).ecommerce.revenue).toEqual({ EUR: 140.7 });
    await page.close();
  });

  it('counts an event once however often Shopify delivers it', async () => {
    const site = 'shopify-dedupe';
    const { page, pixel, batches } = await openShop(site);
    const [view, purchase] = fresh([byName('product_viewed'), byName('checkout_completed')]);
    await publish(pixel, [view, view, purchase]);
    await sentEvents(batches, 3);
    const snapshot = await counted(site, (s) => s.ecommerce.orders === 1);
    expect(snapshot.ecommerce.viewItems).toBe(1);
    expect(snapshot.ecommerce.revenue).toEqual({ EUR: 46.9 });
    await page.close();
  });

  it('retries a 503 after its backoff, under the same event ids, and the collector counts the events once', async () => {
    const site = 'shopify-retry';
    // A collector in front of the real one whose first answer is 503.
    const attempts: { sent: number; ids: string[] }[] = [];
    const flaky = createServer(async (request, response) => {
      // (The collector's CORS: a cross-origin page reads Retry-After only when it is exposed.)
      const cors = {
        'access-control-allow-origin': request.headers.origin ?? '*',
        'access-control-expose-headers': 'Retry-After',
      };
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk);
      const body = Buffer.concat(chunks).toString('utf8');
      const batch: Batch = JSON.parse(body);
      attempts.push({ sent: batch.sent!, ids: batch.events.map((event) => event.id!) });
      if (attempts.length === 1) return void response.writeHead(503, { ...cors, 'retry-after': '1' }).end();
      const answer = await fetch(`${cartpulse.url}/ingest`, {
        method: 'POST',
        headers: {
          'content-type': request.headers['content-type']!,
          'user-agent': request.headers['user-agent']!,
        },
        body,
      });
      response.writeHead(answer.status, cors).end(await answer.text());
    });
    await new Promise<void>((resolve) => flaky.listen(0, '127.0.0.1', resolve));
    try {
      const collector = `http://127.0.0.1:${(flaky.address() as AddressInfo).port}`;
      const { page, pixel } = await openShop(site, { collector });
      await publish(pixel, fresh([byName('page_viewed'), byName('checkout_completed')]));
      const snapshot = await counted(site, (s) => s.ecommerce.orders === 1);
      expect([snapshot.pageviews, snapshot.ecommerce.orders]).toEqual([1, 1]);
      expect(attempts).toHaveLength(2);
      expect(attempts[1].ids).toEqual(attempts[0].ids);
      expect(attempts[1].sent - attempts[0].sent).toBeGreaterThanOrEqual(1000); // Retry-After: 1
      await page.close();
    } finally {
      flaky.closeAllConnections();
      await new Promise((resolve) => flaky.close(resolve));
    }
  });

  it('batches: ten events go at once, the rest after a second', async () => {
    const site = 'shopify-batches';
    const { page, pixel, batches } = await openShop(site);
    const views = Array.from({ length: 12 }, (_, index) => {
      const event = byName('page_viewed');
      event.id += `-${index}`;
      return event;
    });
    const start = Date.now();
    await publish(pixel, fresh(views));
    await sentEvents(batches, 10);
    expect(Date.now() - start).toBeLessThan(900);
    await sentEvents(batches, 12);
    expect(Date.now() - start).toBeGreaterThanOrEqual(900);
    expect((await batches()).map((batch) => batch.body.events.length)).toEqual([10, 2]);
    expect((await counted(site, (s) => s.pageviews === 12)).pageviews).toBe(12);
    await page.close();
  });

  it('keeps the visitor and the session across page loads in the shop’s localStorage; 30 minutes without events start a new session', async () => {
    const site = 'shopify-identity';
    const view = (suffix: string, ago: number) => {
      const event = byName('page_viewed');
      event.id += suffix;
      event.timestamp = new Date(Date.now() - ago).toISOString();
      return event;
    };
    const first = await openShop(site);
    await publish(first.pixel, [view('-a', 70 * 60_000)]);
    const [a] = await sentEvents(first.batches, 1);
    await first.page.close();

    // The next page: a new sandbox, the same shop origin.
    const second = await openShop(site);
    await publish(second.pixel, [view('-b', 45 * 60_000)]);
    const [b] = await sentEvents(second.batches, 1);
    await publish(second.pixel, [view('-c', 0)]);
    const [, c] = await sentEvents(second.batches, 2);

    expect(b.vid).toBe(a.vid);
    expect(b.sid).toBe(a.sid); // 25 minutes later: the same session
    expect(c.vid).toBe(a.vid);
    expect(c.sid).not.toBe(a.sid); // 45 minutes later: a new session
    expect(c.sid).toMatch(/^[a-z0-9]{6,12}$/);
    expect(await storedIds(second.page)).toBe(`${c.vid}.${c.sid}.${c.ts}`);
    await second.page.close();
  });

  it('keeps the ids in memory where browser.localStorage fails', async () => {
    const site = 'shopify-no-storage';
    const { page, pixel, batches } = await openShop(site, { storage: 'broken' });
    await publish(pixel, fresh([byName('page_viewed'), byName('product_viewed')]));
    const [view, item] = await sentEvents(batches, 2);
    expect(view.vid).toMatch(/^[a-z0-9]{6,12}$/);
    expect([item.vid, item.sid, view.sid]).toEqual([view.vid, view.vid, view.vid]);
    expect(await storedIds(page)).toBeNull();
    expect((await counted(site, (s) => s.ecommerce.viewItems === 1)).pageviews).toBe(1);
    await page.close();
  });

  it('stores nothing and sends no ids without consent to analytics: the collector counts cookieless', async () => {
    const site = 'shopify-no-consent';
    const { page, pixel, batches } = await openShop(site, { consent: 'denied' });
    await publish(pixel, fresh([byName('page_viewed'), byName('checkout_completed')]));
    const sent = await sentEvents(batches, 2);
    expect(sent.map((event) => [event.vid, event.sid])).toEqual([
      [undefined, undefined],
      [undefined, undefined],
    ]);
    expect(await storedIds(page)).toBeNull();
    const snapshot = await counted(site, (s) => s.ecommerce.orders === 1);
    expect([snapshot.pageviews, snapshot.activeUsers]).toEqual([1, 1]);
    await page.close();
  });

  it('sends what waits when the shopper leaves the page', async () => {
    const site = 'shopify-leaving';
    const { page, pixel } = await openShop(site);
    await publish(pixel, fresh([byName('product_added_to_cart')]));
    // Queued once its ids are stored; then the shopper goes to the cart, long before the batch's second.
    await page.waitForFunction(() => localStorage.getItem('cp.id'));
    await page.goto(`${await shopFor(site)}/shop.html?site=elsewhere`);
    expect((await counted(site, (s) => s.ecommerce.addToCarts === 1)).ecommerce.addToCarts).toBe(1);
    await page.close();
  });
});

describe('custom-pixel.js as it is pasted into Shopify', () => {
  it('is a plain ES2017 script: nothing in it needs a newer browser, no imports', () => {
    const emit = (target: ts.ScriptTarget) =>
      ts.transpileModule(PIXEL, { fileName: 'custom-pixel.js', compilerOptions: { target, allowJs: true } })
        .outputText;
    // TypeScript rewrites what the target lacks (optional chaining, ??, object spread, catch without a
    // binding…): where nothing needs rewriting, both targets print the same.
    expect(emit(ts.ScriptTarget.ES2017)).toBe(emit(ts.ScriptTarget.ESNext));
    expect(PIXEL).not.toMatch(/^\s*(import|export)\b|\bimport\s*\(|\brequire\(/m);
  });

  it('is small: ≤ 4,200 bytes gzipped, comments included', () => {
    expect(gzipSync(PIXEL, { level: 9 }).length).toBeLessThanOrEqual(4200);
  });

  it('subscribes to the six standard events it maps', () => {
    const names = [...PIXEL.matchAll(/^ {4}(\w+): \(event\) =>/gm)].map((match) => match[1]);
    expect(names).toEqual([
      'page_viewed',
      'product_viewed',
      'product_added_to_cart',
      'product_removed_from_cart',
      'checkout_started',
      'checkout_completed',
    ]);
  });
});
