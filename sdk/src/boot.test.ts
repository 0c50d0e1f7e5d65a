import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from './testing.js';

let browser: ReturnType<typeof fakeBrowser>;

function scriptTag(dataset: Record<string, string>) {
  browser.document.currentScript = { src: 'https://collector.example/cp.js?v=3', dataset };
}

type Cartpulse = ((...args: unknown[]) => void) & { q?: unknown[] } & Record<
    string,
    (...args: unknown[]) => void
  >;

/** The one-line stub from the README, run before the script. */
function stub() {
  const window = browser.window as unknown as { cartpulse?: Cartpulse };
  window.cartpulse =
    window.cartpulse ||
    (function () {
      // biome-ignore lint/complexity/noArguments: the stub stores exactly this.
      (window.cartpulse!.q = window.cartpulse!.q || []).push(arguments);
    } as Cartpulse);
  return window.cartpulse;
}

async function loadScript(entry: './script.js' | './script-core.js' = './script.js') {
  vi.resetModules();
  await import(entry);
  await vi.advanceTimersByTimeAsync(5000);
  return browser.window as unknown as { cartpulse: Cartpulse };
}

beforeEach(() => {
  vi.useFakeTimers();
  browser = fakeBrowser('https://shop.example/p/mug');
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('the script tag', () => {
  it('sends to `ingest` next to the script, with options from data-* attributes', async () => {
    scriptTag({ site: 'demo-shop', allowLocalhost: '' });
    const fetch = vi.mocked(globalThis.fetch);
    const beacon = vi.spyOn(browser.navigator as { sendBeacon(): boolean }, 'sendBeacon');
    await loadScript();
    expect(browser.posts).toMatchObject([{ site: 'demo-shop', events: [{ type: 'pageview' }] }]);
    expect(fetch.mock.calls[0][0]).toBe('https://collector.example/ingest');
    expect(beacon).not.toHaveBeenCalled();
  });

  it('replays calls queued before it loaded, in order, and then works both ways', async () => {
    scriptTag({ site: 'demo-shop', allowLocalhost: '' });
    const cartpulse = stub();
    cartpulse('init', { beforeSend: (event: { props?: object }) => ({ ...event, props: { hooked: true } }) });
    cartpulse('track', 'First');
    cartpulse('addToCart', { items: [{ item_id: 'mug-1' }] });
    cartpulse('track', 'Second');
    const window = await loadScript();
    window.cartpulse.track('Third');
    window.cartpulse('viewItem', { items: [{ item_id: 'mug-1' }] });
    await vi.advanceTimersByTimeAsync(5000);
    const events = browser.events();
    expect(events.map((event) => event.name ?? event.type)).toEqual([
      'First',
      'add_to_cart',
      'Second',
      'pageview',
      'Third',
      'view_item',
    ]);
    expect(events.every((event) => (event.props as { hooked?: boolean }).hooked)).toBe(true);
  });

  it('exposes the npm functions on window.cartpulse', async () => {
    scriptTag({ site: 'demo-shop', allowLocalhost: '' });
    const window = await loadScript();
    const npm = await import('./index.js');
    const functions = (object: object) =>
      Object.entries(object)
        .filter(([, value]) => typeof value == 'function')
        .map(([name]) => name)
        .sort();
    expect(functions(window.cartpulse)).toEqual(functions(npm).filter((name) => name != 'bridgeDataLayer'));
  });

  it('bridges the dataLayer with data-datalayer', async () => {
    scriptTag({ site: 'demo-shop', allowLocalhost: '', datalayer: '' });
    (browser.window as Record<string, unknown>).dataLayer = [
      { event: 'view_item', ecommerce: { items: [{ item_id: 'mug-1' }] } },
    ];
    await loadScript();
    expect(browser.events().map((event) => event.type)).toEqual(['view_item', 'pageview']);
  });

  it('on a page twice counts once, and the first one keeps working', async () => {
    for (const second of ['./script.js', './script-core.js'] as const) {
      vi.unstubAllGlobals();
      browser = fakeBrowser('https://shop.example/p/mug');
      scriptTag({ site: 'demo-shop', allowLocalhost: '', datalayer: '' });
      const layer: object[] = [{ event: 'view_item', ecommerce: { items: [{ item_id: 'mug-1' }] } }];
      (browser.window as Record<string, unknown>).dataLayer = layer;
      const window = await loadScript();
      const first = window.cartpulse;
      await loadScript(second);
      expect(window.cartpulse).toBe(first);
      history.pushState(null, '', '/cart');
      window.cartpulse.track('Once');
      window.cartpulse('addToCart', { items: [{ item_id: 'mug-1' }] });
      layer.push({ event: 'begin_checkout', ecommerce: { items: [{ item_id: 'mug-1' }] } });
      await vi.advanceTimersByTimeAsync(5000);
      expect(browser.events().map((event) => event.name ?? event.type)).toEqual([
        'view_item',
        'pageview',
        'pageview',
        'Once',
        'add_to_cart',
        'begin_checkout',
      ]);
    }
  });

  it('core build: page views and custom events', async () => {
    scriptTag({ site: 'demo-shop', allowLocalhost: '' });
    const window = await loadScript('./script-core.js');
    window.cartpulse.track('Core');
    await vi.advanceTimersByTimeAsync(5000);
    expect(browser.events().map((event) => event.name ?? event.type)).toEqual(['pageview', 'Core']);
  });
});
