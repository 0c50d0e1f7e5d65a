import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { toItem } from './ecommerce.js';
import { fakeBrowser, startTracker } from './testing.js';

let browser: ReturnType<typeof fakeBrowser>;

async function commerceEvents() {
  await vi.advanceTimersByTimeAsync(5000);
  return browser.events().filter((event) => event.type != 'pageview');
}

beforeEach(() => {
  vi.useFakeTimers();
  browser = fakeBrowser();
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('toItem', () => {
  it('maps the GA4 item shape onto the protocol', () => {
    expect(
      toItem({ item_id: 'mug-1', item_name: 'Mug', price: 12.5, quantity: 2, item_category: 'Kitchen' }),
    ).toEqual({ id: 'mug-1', name: 'Mug', price: 12.5, qty: 2, category: 'Kitchen' });
  });

  it('reads numbers sent as strings, ids sent as numbers, and the old `id`', () => {
    expect(toItem({ id: 42, price: '12.50', quantity: '3' })).toMatchObject({
      id: '42',
      price: 12.5,
      qty: 3,
    });
  });

  it('leaves out what the collector would refuse', () => {
    expect(toItem({ item_id: 'x', price: -1, quantity: 0 })).toEqual({ id: 'x' });
    expect(JSON.parse(JSON.stringify(toItem({ item_id: 'x', price: 'free', quantity: 'many' })))).toEqual({
      id: 'x',
    });
  });
});

describe('e-commerce helpers', () => {
  it('record the funnel with items, value and currency', async () => {
    const cp = await startTracker();
    const items = [{ item_id: 'mug-1', item_name: 'Mug', price: 12.5, quantity: 2 }];
    cp.viewItem({ items, value: 12.5, currency: 'EUR' });
    cp.addToCart({ items, value: 25, currency: 'EUR' });
    cp.removeFromCart({ items: [{ item_id: 'mug-1', quantity: 1 }] });
    cp.beginCheckout({ items, value: 12.5, currency: 'EUR' });
    cp.purchase({ order: 'A-1', value: '12.50', currency: 'EUR', items });
    const events = await commerceEvents();
    expect(events.map((event) => event.type)).toEqual([
      'view_item',
      'add_to_cart',
      'remove_from_cart',
      'begin_checkout',
      'purchase',
    ]);
    expect(events[1]).toMatchObject({
      items: [{ id: 'mug-1', name: 'Mug', price: 12.5, qty: 2 }],
      value: 25,
      currency: 'EUR',
    });
    expect(events[4]).toMatchObject({ order: 'A-1', value: 12.5 });
    expect(console.warn).not.toHaveBeenCalled();
  });

  it('count the same order once per page', async () => {
    const cp = await startTracker();
    cp.purchase({ order: 'A-1', value: 10, currency: 'EUR' });
    cp.purchase({ order: 'A-1', value: 10, currency: 'EUR' });
    cp.purchase({ order: 'A-2', value: 10, currency: 'EUR' });
    expect((await commerceEvents()).map((event) => event.order)).toEqual(['A-1', 'A-2']);
  });

  it('warn about an invalid value or currency, leave it out, and never throw', async () => {
    const cp = await startTracker();
    const items = [{ item_id: 'mug-1' }];
    cp.addToCart({ items, value: -5, currency: 'EUR' });
    cp.addToCart({ items, value: 5, currency: 'EURO' });
    cp.addToCart({ items, value: 5 });
    cp.addToCart({ items, value: 'lots' as never, currency: 'EUR' });
    expect(() => cp.addToCart(null as never)).not.toThrow();
    expect(() => cp.purchase({ items: 'mug' } as never)).not.toThrow();
    expect(console.warn).toHaveBeenCalledTimes(6);
    const events = await commerceEvents();
    expect(events).toHaveLength(4);
    for (const event of events) expect(event).not.toHaveProperty('value');
    expect(events.map((event) => event.currency)).toEqual(['EUR', undefined, undefined, 'EUR']);
  });
});
