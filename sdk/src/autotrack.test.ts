import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser, startTracker } from './testing.js';

let browser: ReturnType<typeof fakeBrowser>;

/** The URLs of the page views that reached the collector. */
async function pageviews() {
  await vi.advanceTimersByTimeAsync(5000);
  return browser
    .events()
    .filter((event) => event.type == 'pageview')
    .map((event) => event.url);
}

beforeEach(() => {
  vi.useFakeTimers();
  browser = fakeBrowser('https://shop.example/');
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('page views', () => {
  it('counts the page it loads on', async () => {
    await startTracker();
    expect(await pageviews()).toEqual(['https://shop.example/']);
  });

  it('counts one per distinct URL of a single-page app, none for the same URL', async () => {
    await startTracker();
    await vi.advanceTimersByTimeAsync(0);
    history.pushState(null, '', '/p/mug');
    history.pushState(null, '', '/p/mug');
    history.replaceState({ scroll: 1 }, '', '/p/mug');
    history.replaceState(null, '', '/p/mug?color=red');
    history.pushState(null, '', '/p/mug?color=red#reviews');
    history.pushState(null, '', '/cart');
    expect(await pageviews()).toEqual([
      'https://shop.example/',
      'https://shop.example/p/mug',
      'https://shop.example/p/mug?color=red',
      'https://shop.example/cart',
    ]);
  });

  it('counts back and forward navigation (popstate) that changes the URL', async () => {
    await startTracker();
    await vi.advanceTimersByTimeAsync(0);
    history.pushState(null, '', '/a');
    browser.go('/');
    browser.dispatch('popstate');
    browser.dispatch('popstate');
    expect(await pageviews()).toEqual([
      'https://shop.example/',
      'https://shop.example/a',
      'https://shop.example/',
    ]);
  });

  it('counts hash changes only for hash-routed apps', async () => {
    await startTracker({ hash: true });
    await vi.advanceTimersByTimeAsync(0);
    browser.go('#/products');
    browser.dispatch('popstate');
    history.pushState(null, '', '#/products');
    history.pushState(null, '', '#/cart');
    expect(await pageviews()).toEqual([
      'https://shop.example/',
      'https://shop.example/#/products',
      'https://shop.example/#/cart',
    ]);
  });

  it('hash-routed apps: an empty hash, `#` and `#/` are one route, whatever starts first', async () => {
    // Vue Router's hash history, started on a landing at `/`, replaces the entry with `/#/`: before the
    // tracker starts (the app's script first), before its first page view, or after it.
    const start = () => history.replaceState({ current: '/', position: 0 }, '', '#/');
    for (const when of ['before the tracker', 'before its first page view', 'after it']) {
      vi.unstubAllGlobals();
      browser = fakeBrowser('https://shop.example/');
      if (when == 'before the tracker') start();
      await startTracker({ hash: true });
      if (when == 'before its first page view') start();
      await vi.advanceTimersByTimeAsync(0);
      if (when == 'after it') start();
      history.pushState(null, '', '#');
      history.pushState(null, '', '/');
      expect(await pageviews(), when).toHaveLength(1);
    }
    history.pushState(null, '', '#/cart');
    history.pushState(null, '', '#/');
    expect(await pageviews()).toEqual([
      'https://shop.example/',
      'https://shop.example/#/cart',
      'https://shop.example/#/',
    ]);
  });

  it('counts a page restored from the back/forward cache again', async () => {
    await startTracker();
    await vi.advanceTimersByTimeAsync(0);
    browser.dispatch('pageshow', { persisted: false });
    browser.dispatch('pageshow', { persisted: true });
    expect(await pageviews()).toEqual(['https://shop.example/', 'https://shop.example/']);
  });
});

describe('attribution', () => {
  it('sends the whole URL, query included, and the referrer with the first page view only', async () => {
    vi.unstubAllGlobals();
    browser = fakeBrowser('https://shop.example/p/mug?utm_source=newsletter&utm_medium=email&gclid=abc123');
    browser.document.referrer = 'https://www.google.com/';
    await startTracker();
    await vi.advanceTimersByTimeAsync(0);
    history.pushState(null, '', '/cart?fbclid=xyz');
    browser.dispatch('pageshow', { persisted: true });
    await vi.advanceTimersByTimeAsync(5000);
    expect(browser.events().map(({ url, ref }) => ({ url, ref }))).toEqual([
      {
        url: 'https://shop.example/p/mug?utm_source=newsletter&utm_medium=email&gclid=abc123',
        ref: 'https://www.google.com/',
      },
      { url: 'https://shop.example/cart?fbclid=xyz', ref: undefined },
      { url: 'https://shop.example/cart?fbclid=xyz', ref: undefined },
    ]);
  });

  it('sends the referrer with the first page view when a router navigates before it', async () => {
    browser.document.referrer = 'https://www.bing.com/';
    await startTracker();
    history.replaceState(null, '', '/home');
    await vi.advanceTimersByTimeAsync(0);
    history.pushState(null, '', '/cart');
    await vi.advanceTimersByTimeAsync(5000);
    expect(browser.events().map(({ url, ref }) => ({ url, ref }))).toEqual([
      { url: 'https://shop.example/home', ref: 'https://www.bing.com/' },
      { url: 'https://shop.example/cart', ref: undefined },
    ]);
  });

  it('sends no referrer when there is none', async () => {
    await startTracker();
    await vi.advanceTimersByTimeAsync(5000);
    expect(browser.posts[0].events[0]).not.toHaveProperty('ref');
  });
});

describe('leaving', () => {
  it('flushes by beacon when the page is hidden, and when it is left', async () => {
    const tracker = await startTracker();
    await vi.advanceTimersByTimeAsync(0);
    browser.document.hidden = true;
    browser.dispatch('visibilitychange');
    expect(browser.beacons.flatMap((batch) => batch.events.map((event) => event.type))).toEqual(['pageview']);
    tracker.track('Leave');
    browser.dispatch('pagehide', { persisted: false });
    expect(browser.beacons.flatMap((batch) => batch.events.map((event) => event.name))).toEqual([
      undefined,
      'Leave',
    ]);
    expect(browser.posts).toEqual([]);
  });

  it('does not flush when the page becomes visible', async () => {
    await startTracker();
    await vi.advanceTimersByTimeAsync(0);
    browser.dispatch('visibilitychange');
    expect(browser.beacons).toEqual([]);
  });
});
