/**
 * What the SDK records, asserted on what reaches a real collector and its Redis, in Chromium, for both
 * the minified build and the source. One site per test, so that tests run side by side.
 */
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { testCartpulse } from '../../../collector/src/testing/cartpulse.js';
import type { CartpulseEvent } from '../protocol.js';
import {
  BUILDS,
  countedUpTo,
  launchBrowser,
  mark,
  startFixtureServer,
  streamEvents,
  trackerReady,
} from './harness.js';

const cartpulse = await testCartpulse();
const fixtures = await startFixtureServer(cartpulse.url);
const browser = await launchBrowser();
afterAll(async () => {
  await browser.close();
  await fixtures.close();
});

const names = (snapshot: { recent: { type: string; name?: string }[] }) =>
  snapshot.recent.filter((event) => event.type === 'event').map((event) => event.name);

/** The events `page` posts to the collector from now on, as sent (what the stream keeps is less). */
function sentBy(page: Page): CartpulseEvent[] {
  const events: CartpulseEvent[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url().endsWith('/ingest'))
      events.push(...JSON.parse(request.postData() ?? '{}').events);
  });
  return events;
}

describe.each(BUILDS)('%s build', (build) => {
  describe.concurrent('page views', () => {
    it('one on load and one per distinct URL of a single-page app', async () => {
      const site = `spa-${build}`;
      const page = await browser.context.newPage();
      await page.goto(fixtures.page('page', site, build));
      await trackerReady(page);
      await page.evaluate(async () => {
        const settle = () => new Promise((resolve) => setTimeout(resolve, 50));
        history.pushState({}, '', '/products');
        history.pushState({}, '', '/products'); // the same URL: no page view
        history.replaceState({ scroll: 10 }, '', '/products'); // the same URL: no page view
        history.pushState({}, '', '/products?page=2');
        history.replaceState({}, '', '/p/mug');
        history.pushState({}, '', '/p/mug#reviews'); // the hash only: no page view
        history.back(); // → /p/mug, the same page
        await settle();
        history.back(); // → /products?page=2
        await settle();
      });
      await mark(page, 'done');
      const snapshot = await countedUpTo(cartpulse.url, site, 'done');
      expect(snapshot.pageviews).toBe(5);
      expect(snapshot.topPages).toEqual([
        { path: '/products', views: 3 },
        { path: '/p/mug', views: 1 },
        { path: '/page.html', views: 1 },
      ]);
      await page.close();
    });

    it('hash routes count when the tag says data-hash', async () => {
      const site = `hash-${build}`;
      const page = await browser.context.newPage();
      await page.goto(fixtures.page('page', site, build, { hash: '' }));
      await trackerReady(page);
      await page.evaluate(async () => {
        location.hash = '#/cart';
        await new Promise((resolve) => setTimeout(resolve, 50));
        history.pushState({}, '', '#/checkout');
      });
      await mark(page, 'done');
      expect((await countedUpTo(cartpulse.url, site, 'done')).pageviews).toBe(3);
      await page.close();
    });

    it('carry the whole URL, query included, and the first of a page load the referrer', async () => {
      const site = `attribution-${build}`;
      const page = await browser.context.newPage();
      const sent = sentBy(page);
      await page.goto(`${fixtures.page('page', site, build)}&utm_source=newsletter&gclid=abc123`, {
        referer: 'https://www.google.com/',
      });
      await trackerReady(page);
      const landing = await page.evaluate(() => location.href);
      expect(landing).toMatch(/\?site=.*&utm_source=newsletter&gclid=abc123$/);
      await page.evaluate(() => history.pushState({}, '', '/products?fbclid=xyz'));
      await mark(page, 'done');
      expect((await countedUpTo(cartpulse.url, site, 'done')).pageviews).toBe(2);
      expect(sent.filter((event) => event.type === 'pageview').map(({ url, ref }) => ({ url, ref }))).toEqual(
        [
          { url: landing, ref: 'https://www.google.com/' },
          { url: `${fixtures.url}/products?fbclid=xyz`, ref: undefined },
        ],
      );
      await page.close();
    });

    it("Vue Router's start-up replaceState to `#/` is no second page view, whichever script runs first", async () => {
      for (const router of ['first', 'later']) {
        const site = `vue-${router}-${build}`;
        const page = await browser.context.newPage();
        await page.goto(`${fixtures.page('hash-router', site, build, { hash: '' })}&router=${router}`);
        await trackerReady(page); // its first page view is recorded
        if (router === 'later')
          await page.evaluate(() => (window as unknown as { startRouter(): void }).startRouter());
        expect(await page.evaluate(() => location.hash)).toBe('#/');
        await mark(page, 'done');
        expect((await countedUpTo(cartpulse.url, site, 'done')).pageviews, `router ${router}`).toBe(1);
        await page.close();
      }
    });

    it('counted once with the tag on the page twice, which works as one', async () => {
      const site = `twice-${build}`;
      const page = await browser.context.newPage();
      const sent = sentBy(page);
      // A short batch interval: a second tracker, were there one, would have sent before the marker.
      await page.goto(fixtures.page('twice', site, build, { 'flush-interval': '100' }));
      await trackerReady(page);
      expect(await page.evaluate(() => document.querySelectorAll('script[data-site]').length)).toBe(2);
      await page.evaluate(() => {
        history.pushState({}, '', '/products');
        (window as unknown as { cartpulse: { track(name: string): void } }).cartpulse.track('Once');
      });
      await page.waitForTimeout(500);
      await mark(page, 'done');
      const snapshot = await countedUpTo(cartpulse.url, site, 'done');
      expect(snapshot.pageviews).toBe(2);
      expect(names(snapshot)).toEqual(['done', 'Once']);
      expect(sent.map((event) => event.name ?? event.type)).toEqual(['pageview', 'pageview', 'Once', 'done']);
      expect(new Set(sent.map((event) => event.id!.split('-')[0])).size).toBe(1); // one tracker's page id
      await page.close();
    });

    it('one more when the page comes back from the back/forward cache', async () => {
      const site = `bfcache-${build}`;
      const page = await browser.context.newPage();
      await page.goto(fixtures.page('page', site, build));
      await trackerReady(page);
      await page.evaluate(() => {
        addEventListener('pageshow', (event) => {
          (window as { restored?: boolean }).restored = event.persisted;
        });
      });
      await page.goto(`${fixtures.url}/other.html`);
      await page.goBack({ waitUntil: 'commit' });
      await page.waitForFunction(() => (window as { restored?: boolean }).restored !== undefined);
      expect(await page.evaluate(() => (window as { restored?: boolean }).restored)).toBe(true);
      await mark(page, 'done');
      expect((await countedUpTo(cartpulse.url, site, 'done')).pageviews).toBe(2);
      await page.close();
    });
  });

  describe.concurrent('events', () => {
    it('are sent when the page is left for a page without the tracker, by beacon', async () => {
      const site = `leave-${build}`;
      const page = await browser.context.newPage();
      await page.goto(fixtures.page('page', site, build));
      await trackerReady(page);
      await page.evaluate(() =>
        (window as unknown as { cartpulse: { track(name: string): void } }).cartpulse.track('Leaving'),
      );
      await page.click('#next'); // to a page without the tracker, well before the 2 s batch
      await page.waitForURL(/other\.html/);
      const snapshot = await countedUpTo(cartpulse.url, site, 'Leaving');
      expect(snapshot.pageviews).toBe(1);
      await page.close();
    });

    it('are sent when the tab is closed', async () => {
      const site = `close-${build}`;
      const page = await browser.context.newPage();
      await page.goto(fixtures.page('page', site, build));
      await trackerReady(page);
      await page.evaluate(() =>
        (window as unknown as { cartpulse: { track(name: string): void } }).cartpulse.track('Closing'),
      );
      await page.close();
      expect((await countedUpTo(cartpulse.url, site, 'Closing')).pageviews).toBe(1);
    });

    it('queued before the script loaded are replayed in order', async () => {
      const site = `stub-${build}`;
      const page = await browser.context.newPage();
      await page.goto(fixtures.page('stub', site, build));
      await trackerReady(page);
      await mark(page, 'done');
      const snapshot = await countedUpTo(cartpulse.url, site, 'done');
      expect(snapshot.ecommerce).toMatchObject({ viewItems: 1, addToCarts: 1 });
      expect(snapshot.ecommerce.topProducts).toEqual([{ id: 'mug-1', name: 'Mug', count: 2 }]);
      const stored = await streamEvents(cartpulse, site);
      expect(stored.map((event) => event.name ?? event.type)).toEqual([
        'Queued first',
        'view_item',
        'add_to_cart',
        'Queued last',
        'pageview',
        'done',
      ]);
      expect(stored[1]).toMatchObject({
        value: 12.5,
        currency: 'EUR',
        items: [{ id: 'mug-1', price: 12.5 }],
      });
      await page.close();
    });

    it('declared with data-cp-event on links and forms, with data-cp-prop-*', async () => {
      const site = `declared-${build}`;
      const page = await browser.context.newPage();
      await page.goto(fixtures.page('page', site, build));
      await trackerReady(page);
      await page.click('#guide');
      await page.click('input[name=email]'); // inside the form: not a submit
      await page.click('#subscribe');
      await mark(page, 'done');
      expect(names(await countedUpTo(cartpulse.url, site, 'done'))).toEqual([
        'done',
        'Newsletter',
        'Size guide',
      ]);
      const stored = await streamEvents(cartpulse, site);
      expect(stored.filter((event) => event.type === 'event').map((event) => event.props)).toEqual([
        { product: 'mug-1' },
        { list: 'weekly' },
        undefined,
      ]);
      await page.close();
    });
  });

  describe.concurrent('e-commerce', () => {
    it('from a shop that feeds GA4 through gtag and the dataLayer, with data-datalayer', async () => {
      const site = `ga4-${build}`;
      const page = await browser.context.newPage();
      await page.goto(fixtures.page('ga4-shop', site, build, { datalayer: '' }));
      await trackerReady(page);
      for (const button of ['#add', '#checkout', '#pay']) await page.click(button);
      await mark(page, 'done');
      const snapshot = await countedUpTo(cartpulse.url, site, 'done');
      expect(snapshot.ecommerce).toMatchObject({
        viewItems: 1,
        addToCarts: 1,
        checkouts: 1,
        orders: 1,
        revenue: { EUR: 29.9 },
        topProducts: [{ id: 'mug-1', name: 'Mug', count: 2 }],
      });
      const purchases = (await streamEvents(cartpulse, site)).filter((event) => event.type === 'purchase');
      expect(purchases).toHaveLength(1);
      expect(purchases[0]).toMatchObject({ order: 'T-1001', value: 29.9, items: [{ id: 'mug-1', qty: 2 }] });
      await page.close();
    });
  });
});

// One after the other: the opt-out is kept per origin, and two of these share one.
describe('privacy', () => {
  it('optOut() stops everything, in this page and the next, until optIn()', async () => {
    const site = 'optout';
    const page = await browser.context.newPage();
    const url = fixtures.page('page', site, 'min', {}, fixtures.otherOrigin); // its own localStorage
    await page.goto(url);
    await trackerReady(page);
    await mark(page, 'before');
    await countedUpTo(cartpulse.url, site, 'before');
    await page.evaluate(() => {
      const cartpulse = (window as unknown as { cartpulse: Record<string, (...args: unknown[]) => void> })
        .cartpulse;
      cartpulse.optOut();
      cartpulse.track('Opted out');
      history.pushState({}, '', '/private');
    });
    await page.goto(url);
    await trackerReady(page);
    await page.evaluate(() => {
      const cartpulse = (window as unknown as { cartpulse: Record<string, (...args: unknown[]) => void> })
        .cartpulse;
      cartpulse.track('Still opted out');
      cartpulse.optIn();
    });
    await mark(page, 'after');
    const snapshot = await countedUpTo(cartpulse.url, site, 'after');
    expect(snapshot.pageviews).toBe(1);
    expect(names(snapshot)).toEqual(['after', 'before']);
    await page.close();
  });

  it('optOut() holds for the page where localStorage throws, and drops what waits', async () => {
    const site = 'optout-no-storage';
    const page = await browser.context.newPage();
    await page.addInitScript(() =>
      Object.defineProperty(window, 'localStorage', {
        configurable: true,
        get: () => {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        },
      }),
    );
    await page.goto(fixtures.page('page', site, 'min'));
    await trackerReady(page);
    await mark(page, 'before');
    await countedUpTo(cartpulse.url, site, 'before');
    const sent = sentBy(page);
    await page.evaluate(() => {
      const cartpulse = (window as unknown as { cartpulse: Record<string, (...args: unknown[]) => void> })
        .cartpulse;
      cartpulse.track('Waiting'); // for its batch
      cartpulse.optOut();
      cartpulse.track('Opted out');
      history.pushState({}, '', '/private');
      cartpulse.flush();
    });
    await page.close(); // leaving would send what waits by beacon
    // Then a visit with storage, to know when everything sent for the site has been counted.
    const control = await browser.context.newPage();
    await control.goto(fixtures.page('page', site, 'min'));
    await trackerReady(control);
    await mark(control, 'control');
    const snapshot = await countedUpTo(cartpulse.url, site, 'control');
    expect(snapshot.pageviews).toBe(2);
    expect(names(snapshot)).toEqual(['control', 'before']);
    expect(sent).toEqual([]);
    await control.close();
  });

  it('Global Privacy Control: nothing is sent', async () => {
    const site = 'gpc';
    const requests: string[] = [];
    const page = await browser.context.newPage();
    page.on('request', (request) => {
      if (request.url().includes('/ingest')) requests.push(request.url());
    });
    await page.addInitScript(() =>
      Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }),
    );
    await page.goto(fixtures.page('page', site, 'min'));
    await trackerReady(page);
    await page.evaluate(() => {
      const cartpulse = (window as unknown as { cartpulse: Record<string, (...args: unknown[]) => void> })
        .cartpulse;
      cartpulse.track('With GPC');
      cartpulse.flush();
    });
    await page.close(); // leaving would send by beacon
    // Then a visit without GPC, to know when everything sent for the site has been counted.
    const control = await browser.context.newPage();
    await control.goto(fixtures.page('page', site, 'min'));
    await trackerReady(control);
    await mark(control, 'control');
    const snapshot = await countedUpTo(cartpulse.url, site, 'control');
    expect(snapshot.pageviews).toBe(1);
    expect(names(snapshot)).toEqual(['control']);
    expect(requests).toEqual([]);
    await control.close();
  });

  it("data-storage='local' keeps a visitor id across pages; nothing identifying is stored by default", async () => {
    const site = 'local-storage';
    const page = await browser.context.newPage();
    await page.goto(fixtures.page('page', site, 'min', {}, fixtures.otherOrigin));
    await trackerReady(page);
    await mark(page, 'cookieless');
    await countedUpTo(cartpulse.url, site, 'cookieless');
    expect(
      await page.evaluate(() => Object.keys(localStorage).filter((key) => !key.startsWith('cp.q.'))),
    ).toEqual([]);
    for (let visit = 0; visit < 2; visit++) {
      await page.goto(fixtures.page('page', site, 'min', { storage: 'local' }, fixtures.otherOrigin));
      await trackerReady(page);
      await mark(page, `local-${visit}`);
    }
    await countedUpTo(cartpulse.url, site, 'local-1');
    // (Leaving a page while its request is in flight sends that batch again by beacon: the stream may
    // hold an event twice, under one id, and the windows count it once.)
    const stored = [
      ...new Map((await streamEvents(cartpulse, site)).map((event) => [event.id, event])).values(),
    ];
    const local = stored.filter((event) => event.type === 'pageview').slice(1);
    expect(stored.map((event) => event.name ?? event.type)).toEqual([
      'pageview',
      'cookieless',
      'pageview',
      'local-0',
      'pageview',
      'local-1',
    ]);
    expect(local).toHaveLength(2);
    const identified = stored.slice(2);
    expect(new Set(identified.map((event) => event.vid)).size).toBe(1);
    expect(new Set(identified.map((event) => event.sid)).size).toBe(1);
    expect(identified[0].vid).not.toBe(stored[0].vid); // not the collector's derived cookieless id
    await page.close();
  });
});

describe('core build', () => {
  it('page views, single-page navigation and custom events reach the collector', async () => {
    const site = 'core';
    const page = await browser.context.newPage();
    await page.goto(fixtures.page('page', site, 'core'));
    await trackerReady(page);
    await page.evaluate(() => {
      type Cartpulse = ((name: string, ...args: unknown[]) => void) &
        Record<string, (...args: unknown[]) => void>;
      const cartpulse = (window as unknown as { cartpulse: Cartpulse }).cartpulse;
      history.pushState({}, '', '/products');
      cartpulse.track('Core', { build: 'core' });
      cartpulse('track', 'done');
    });
    await page.close(); // the rest goes by beacon
    const snapshot = await countedUpTo(cartpulse.url, site, 'done');
    expect(snapshot.pageviews).toBe(2);
    expect(names(snapshot)).toEqual(['done', 'Core']);
  });
});
