import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { OrderSchema } from '../orders/schema.js';
import { gmtTime, isWooCommercePing, wooCommerceOrder } from './woocommerce.js';

const order = () =>
  JSON.parse(readFileSync(new URL('./fixtures/woocommerce-order.json', import.meta.url), 'utf8'));

describe('WooCommerce webhooks as backend orders', () => {
  it('maps a paid order: total, line items by product id, the session from the meta data', () => {
    const mapped = wooCommerceOrder('demo-shop', order());
    expect(mapped).toEqual({
      id: 'woocommerce:727:paid',
      input: {
        site: 'demo-shop',
        order: '727',
        value: 59.9,
        currency: 'EUR',
        items: [
          { id: '93', name: 'Mug - Blue', price: 16.765, qty: 2 },
          { id: '22', name: 'Tea sampler', price: 12.61, qty: 1 },
        ],
        ts: Date.parse('2025-11-25T15:40:08Z'),
        vid: 'v-3f9c2a71',
        sid: 's-77a1d0e4',
        status: 'paid',
      },
    });
    expect(v.is(OrderSchema, mapped?.input)).toBe(true);
  });

  it('counts processing and completed as one paid order, and nothing for unpaid statuses', () => {
    expect(wooCommerceOrder('s', { ...order(), status: 'completed' })?.id).toBe('woocommerce:727:paid');
    for (const status of ['pending', 'on-hold', 'failed', 'checkout-draft', 'trash', 'my-custom', undefined])
      expect(wooCommerceOrder('s', { ...order(), status }), String(status)).toBeNull();
  });

  it('turns refunded and cancelled into a cancellation of the whole order', () => {
    for (const status of ['refunded', 'cancelled']) {
      const mapped = wooCommerceOrder('demo-shop', {
        ...order(),
        status,
        date_modified_gmt: '2025-11-26T09:00:00',
      });
      expect(mapped).toEqual({
        id: 'woocommerce:727:refund',
        input: {
          site: 'demo-shop',
          order: '727',
          currency: 'EUR',
          ts: Date.parse('2025-11-26T09:00:00Z'),
          vid: 'v-3f9c2a71',
          sid: 's-77a1d0e4',
          status: 'cancelled',
        },
      });
      expect(v.is(OrderSchema, mapped?.input)).toBe(true);
    }
  });

  it('reads a line without price from its total, and times without a zone as UTC', () => {
    const { price: _, ...line } = order().line_items[0];
    expect(wooCommerceOrder('s', { ...order(), line_items: [line] })?.input.items).toEqual([
      { id: '93', name: 'Mug - Blue', price: 16.765, qty: 2 },
    ]);
    expect(gmtTime('2025-11-25T15:40:08')).toBe(Date.parse('2025-11-25T15:40:08Z'));
    expect(gmtTime('2025-11-25T16:40:08+01:00')).toBe(Date.parse('2025-11-25T15:40:08Z'));
    expect(gmtTime(null)).toBeUndefined();
    expect(gmtTime('not a date')).toBeUndefined();
  });

  it("knows WooCommerce's ping", () => {
    expect(isWooCommercePing('webhook_id=123')).toBe(true);
    expect(isWooCommercePing('webhook_id=12&x=1')).toBe(false);
    expect(isWooCommercePing('{"webhook_id":123}')).toBe(false);
  });
});
