import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser, startTracker } from './testing.js';

let browser: ReturnType<typeof fakeBrowser>;
type Layer = unknown[];

async function commerceEvents() {
  await vi.advanceTimersByTimeAsync(5000);
  return browser.events().filter((event) => event.type != 'pageview');
}

/** What `gtag('event', ...)` pushes: its Arguments object. */
function gtagArguments(..._args: unknown[]) {
  // biome-ignore lint/complexity/noArguments: gtag pushes exactly this.
  return arguments;
}

beforeEach(() => {
  vi.useFakeTimers();
  browser = fakeBrowser();
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('the dataLayer bridge', () => {
  it('reads what the dataLayer held before, and what is pushed later', async () => {
    const layer: Layer = [
      { event: 'gtm.js' },
      { event: 'view_item', ecommerce: { items: [{ item_id: 'a' }] } },
    ];
    (browser.window as Record<string, unknown>).dataLayer = layer;
    const cp = await startTracker();
    cp.bridgeDataLayer();
    layer.push({ ecommerce: null });
    layer.push({ event: 'add_to_cart', ecommerce: { currency: 'EUR', value: '9.90', items: [{ id: 'b' }] } });
    expect(layer).toHaveLength(4);
    const events = await commerceEvents();
    expect(events.map((event) => [event.type, event.items?.[0].id])).toEqual([
      ['view_item', 'a'],
      ['add_to_cart', 'b'],
    ]);
    expect(events[1]).toMatchObject({ value: 9.9, currency: 'EUR' });
  });

  it('creates the dataLayer when the page has none', async () => {
    const cp = await startTracker();
    cp.bridgeDataLayer();
    const layer = (browser.window as Record<string, unknown>).dataLayer as Layer;
    layer.push({ event: 'begin_checkout', ecommerce: { items: [] } });
    expect((await commerceEvents()).map((event) => event.type)).toEqual(['begin_checkout']);
  });

  it('reads gtag() calls, and counts a purchase pushed twice once', async () => {
    const cp = await startTracker();
    cp.bridgeDataLayer();
    const layer = (browser.window as Record<string, unknown>).dataLayer as Layer;
    const purchase = {
      transaction_id: 'T-9',
      value: 30,
      currency: 'EUR',
      items: [{ item_id: 'a', quantity: '3' }],
    };
    layer.push(gtagArguments('js', new Date()));
    layer.push(gtagArguments('config', 'G-XXXX'));
    layer.push(gtagArguments('event', 'page_view'));
    layer.push(gtagArguments('event', 'purchase', purchase));
    layer.push({ event: 'purchase', ecommerce: purchase });
    const events = await commerceEvents();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'purchase',
      order: 'T-9',
      value: 30,
      items: [{ id: 'a', qty: 3 }],
    });
  });

  it('keeps push working for pushes it cannot read', async () => {
    const cp = await startTracker();
    cp.bridgeDataLayer();
    const layer = (browser.window as Record<string, unknown>).dataLayer as Layer;
    expect(() =>
      layer.push(null, 42, 'text', () => {}, { event: 'add_to_cart', ecommerce: 'nope' }),
    ).not.toThrow();
    expect(layer).toHaveLength(5);
  });
});
