/**
 * Test helpers for the shops' webhooks: the real-shape payloads of `webhooks/fixtures/`, their times as
 * each shop writes them, and deliveries signed as Shopify and WooCommerce sign them (the base64
 * HMAC-SHA256 of the exact body bytes).
 */
import { readFileSync } from 'node:fs';
import { webhookSignature } from '../webhooks/verify.js';

const HOUR = 60 * 60 * 1000;

export type ShopifyFixture = 'shopify-orders-create' | 'shopify-orders-cancelled' | 'shopify-refunds-create';

/** A fresh copy of a payload from `webhooks/fixtures/`, to change before signing. */
export const webhookFixture = (name: ShopifyFixture | 'woocommerce-order'): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../webhooks/fixtures/${name}.json`, import.meta.url), 'utf8'));

/** Shopify's times: second precision with the shop's offset (`2025-11-25T16:39:59+01:00`). */
export const shopifyTime = (t: number) => new Date(t + HOUR).toISOString().replace(/\.\d+Z$/, '+01:00');

/** WooCommerce's `*_gmt` times: UTC without a zone (`2025-11-25T15:39:59`). */
export const wooCommerceTime = (t: number) => new Date(t).toISOString().replace(/\.\d+Z$/, '');

export interface Delivery {
  /** The signing secret; another one makes a delivery the collector must refuse. */
  secret: string;
  /** Shopify's `X-Shopify-Webhook-Id`, the same on every retry of one delivery. @default a new UUID */
  webhookId?: string;
  /** When the shop sent it (Shopify's `X-Shopify-Triggered-At`). @default Date.now() */
  at?: number;
}

/** POSTs `payload` to `/webhooks/shopify/<site>` as Shopify delivers topic `topic`. */
export function deliverShopify(
  url: string,
  site: string,
  topic: string,
  payload: unknown,
  { secret, webhookId = crypto.randomUUID(), at = Date.now() }: Delivery,
) {
  const body = JSON.stringify(payload);
  return fetch(`${url}/webhooks/shopify/${site}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'Shopify-Captain-Hook',
      'x-shopify-topic': topic,
      'x-shopify-hmac-sha256': webhookSignature(Buffer.from(body), secret),
      'x-shopify-shop-domain': 'demo-shop.myshopify.com',
      'x-shopify-api-version': '2025-10',
      'x-shopify-webhook-id': webhookId,
      'x-shopify-triggered-at': new Date(at).toISOString(),
      'x-shopify-event-id': crypto.randomUUID(),
    },
    body,
  });
}

/** POSTs `payload` to `/webhooks/woocommerce/<site>` as WooCommerce delivers topic `topic`. */
export function deliverWooCommerce(
  url: string,
  site: string,
  topic: string,
  payload: unknown,
  secret: string,
) {
  const body = JSON.stringify(payload);
  return fetch(`${url}/webhooks/woocommerce/${site}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'WooCommerce/9.4.2 Hookshot (WordPress/6.7.1)',
      'x-wc-webhook-source': 'https://demo-shop.example/',
      'x-wc-webhook-topic': topic,
      'x-wc-webhook-resource': 'order',
      'x-wc-webhook-event': topic.split('.')[1] ?? '',
      'x-wc-webhook-id': '12',
      'x-wc-webhook-delivery-id': crypto.randomUUID(),
      'x-wc-webhook-signature': webhookSignature(Buffer.from(body), secret),
    },
    body,
  });
}
