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

  it('counts a page restored from the back/forward cache again', async () => {
    await startTracker();
    await vi.advanceTimersByTimeAsync(0);
    browser.dispatch('pageshow', { persisted: false });
    browser.dispatch('pageshow', { persisted: true });
    expect(await pageviews()).toEqual(['https://shop.example/', 'https://shop.example/']);
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
