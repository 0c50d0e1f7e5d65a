import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { OrderSchema } from '../orders/schema.js';
import { shopifyOrder, shopifyOrderId } from './shopify.js';

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8'));
const WEBHOOK = 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043';

describe('Shopify webhooks as backend orders', () => {
  it('maps orders/create: the total, the line items by product id, the session from the cart attributes', () => {
    const mapped = shopifyOrder('demo-shop', 'orders/create', WEBHOOK, fixture('shopify-orders-create'));
    expect(mapped).toEqual({
      id: `shopify:${WEBHOOK}`,
      input: {
        site: 'demo-shop',
        order: '5678901234567',
        value: 59.9,
        currency: 'EUR',
        items: [
          { id: '8061536829755', name: 'Mug', price: 19.95, qty: 2 },
          { id: '8061536862523', name: 'Tea sampler', price: 15, qty: 1 },
        ],
        ts: Date.parse('2025-11-25T15:39:59Z'),
        vid: 'v-3f9c2a71',
        sid: 's-77a1d0e4',
        status: 'paid',
      },
    });
    expect(v.is(OrderSchema, mapped?.input)).toBe(true);
  });

  it('maps orders/cancelled to a cancellation of the whole order, at its cancellation time', () => {
    const mapped = shopifyOrder(
      'demo-shop',
      'orders/cancelled',
      WEBHOOK,
      fixture('shopify-orders-cancelled'),
    );
    expect(mapped).toEqual({
      id: `shopify:${WEBHOOK}`,
      input: {
        site: 'demo-shop',
        order: '5678901234567',
        currency: 'EUR',
        ts: Date.parse('2025-11-25T16:05:12Z'),
        vid: 'v-3f9c2a71',
        sid: 's-77a1d0e4',
        status: 'cancelled',
      },
    });
    expect(v.is(OrderSchema, mapped?.input)).toBe(true);
  });

  it('maps refunds/create to the sum of its successful refund transactions', () => {
    const mapped = shopifyOrder('demo-shop', 'refunds/create', WEBHOOK, fixture('shopify-refunds-create'));
    expect(mapped).toEqual({
      id: `shopify:${WEBHOOK}`,
      input: {
        site: 'demo-shop',
        order: '5678901234567',
        value: 19.95, // 12.50 + 7.45; the failed 3.19 is not refunded
        currency: 'EUR',
        ts: Date.parse('2025-11-26T09:12:40Z'),
        status: 'refunded',
      },
    });
    expect(v.is(OrderSchema, mapped?.input)).toBe(true);
    // a refund that gave no money back (a restock, a failed transaction) stores nothing
    const nothing = { ...fixture('shopify-refunds-create'), transactions: [] };
    expect(shopifyOrder('demo-shop', 'refunds/create', WEBHOOK, nothing)).toBeNull();
  });

  it('names the event by its delivery, else by topic and resource', () => {
    const order = fixture('shopify-orders-create');
    expect(shopifyOrder('s', 'orders/create', undefined, order)?.id).toBe(
      'shopify:orders/create:5678901234567',
    );
    expect(shopifyOrder('s', 'refunds/create', '', fixture('shopify-refunds-create'))?.id).toBe(
      'shopify:refunds/create:974007468312',
    );
  });

  it('keeps at most 50 items, and drops what the protocol would refuse rather than the order', () => {
    const order = fixture('shopify-orders-create');
    const line = order.line_items[0];
    order.line_items = Array.from({ length: 60 }, (_, i) => ({ ...line, product_id: i + 1, quantity: 0 }));
    order.line_items.push({ title: 'no id at all' });
    order.note_attributes = [{ name: '_cartpulse_vid', value: 'x'.repeat(200) }];
    const mapped = shopifyOrder('s', 'orders/create', WEBHOOK, order);
    const items = mapped?.input.items as unknown[];
    expect(items).toHaveLength(50);
    expect(items[0]).toEqual({ id: '1', name: 'Mug', price: 19.95 });
    expect(mapped?.input).not.toHaveProperty('vid');
    expect(v.is(OrderSchema, mapped?.input)).toBe(true);
    // a custom line without a product keeps its variant's or its own id
    expect(
      shopifyOrder('s', 'orders/create', WEBHOOK, {
        ...order,
        line_items: [{ ...line, product_id: null, variant_id: null }],
      })?.input.items,
    ).toEqual([{ id: '13688971493691', name: 'Mug', price: 19.95, qty: 2 }]);
  });

  it('maps a payload missing its total or currency to an order the schema refuses (a dead letter)', () => {
    const { total_price: _, currency: __, ...order } = fixture('shopify-orders-create');
    const mapped = shopifyOrder('s', 'orders/create', WEBHOOK, order);
    expect(v.is(OrderSchema, mapped?.input)).toBe(false);
    expect(v.is(OrderSchema, shopifyOrder('s', 'orders/create', WEBHOOK, 'junk')?.input)).toBe(false);
  });
});

describe('shopifyOrderId', () => {
  it('is the plain numeric id for the webhook id, a global id and the checkout identity', () => {
    expect(shopifyOrderId(5678901234567)).toBe('5678901234567');
    expect(shopifyOrderId('5678901234567')).toBe('5678901234567');
    expect(shopifyOrderId('gid://shopify/Order/5678901234567')).toBe('5678901234567');
    expect(shopifyOrderId(' gid://shopify/OrderIdentity/5678901234567')).toBe('5678901234567');
    expect(shopifyOrderId('#1042')).toBe('#1042');
  });
});
