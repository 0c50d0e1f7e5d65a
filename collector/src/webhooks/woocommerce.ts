/**
 * WooCommerce's order webhooks (`order.created`, `order.updated`), mapped to backend orders (pure). What
 * counts is the order's status: `processing` and `completed` are paid (an order, once: its event id is
 * `woocommerce:<order id>:paid`, whatever status or webhook brought it), `refunded` and `cancelled` void
 * the whole order (`woocommerce:<order id>:refund`); `pending`, `on-hold`, `failed`, `checkout-draft` and
 * any other status store nothing. WooCommerce's ping on webhook creation (`webhook_id=<n>`) stores nothing.
 */
import { type CartpulseItem, LIMITS } from '../protocol/schema.js';
import { identity, items, type Json, type MappedOrder, money, record } from './payload.js';

export const WOOCOMMERCE_TOPICS = ['order.created', 'order.updated'] as const;
export const PAID_STATUSES = ['processing', 'completed'] as const;
export const VOID_STATUSES = ['refunded', 'cancelled'] as const;

export const isWooCommerceTopic = (topic: string | undefined) =>
  (WOOCOMMERCE_TOPICS as readonly string[]).includes(topic ?? '');

/** The form-encoded body WooCommerce sends once when a webhook is created, to see that the URL answers. */
export const isWooCommercePing = (raw: string) => /^webhook_id=\d+$/.test(raw.trim());

/** WooCommerce's `*_gmt` times carry no zone (`2025-11-25T15:40:08`): they are UTC. */
export function gmtTime(value: unknown): number | undefined {
  if (typeof value !== 'string' || !value) return undefined;
  const zoned = /(?:Z|[+-]\d\d:?\d\d)$/i.test(value) ? value : `${value}Z`;
  const time = Date.parse(zoned);
  return Number.isFinite(time) && time >= 0 ? time : undefined;
}

function item(line: unknown): CartpulseItem | null {
  const { product_id, id, name, price, total, quantity } = record(line);
  const itemId = typeof product_id === 'number' && product_id > 0 ? product_id : id;
  if (typeof itemId !== 'number' && typeof itemId !== 'string') return null;
  const mapped: CartpulseItem = { id: String(itemId).slice(0, LIMITS.identityChars) };
  if (typeof name === 'string' && name) mapped.name = name.slice(0, LIMITS.titleChars);
  const qty = Number.isInteger(quantity) && (quantity as number) >= 1 ? (quantity as number) : undefined;
  // `price` is the unit price after discounts; older payloads only have the line's `total`
  const unit =
    money(price) ?? (qty && money(total) !== undefined ? (money(total) as number) / qty : undefined);
  if (unit !== undefined && unit >= 0) mapped.price = Math.round(unit * 1e6) / 1e6;
  if (qty !== undefined && qty <= 100_000) mapped.qty = qty;
  return mapped;
}

/** The browser's visitor and session, from the order's meta data `_cartpulse_vid` and `_cartpulse_sid`. */
function session(order: Json): { vid?: string; sid?: string } {
  const meta = Array.isArray(order.meta_data) ? order.meta_data.map(record) : [];
  const value = (key: string) => identity(meta.find((m) => m.key === key)?.value);
  const ids: { vid?: string; sid?: string } = {};
  const vid = value('_cartpulse_vid');
  const sid = value('_cartpulse_sid');
  if (vid) ids.vid = vid;
  if (sid) ids.sid = sid;
  return ids;
}

/** What an order webhook means for the site's numbers, or null when its status stores nothing. */
export function wooCommerceOrder(site: string, payload: unknown): MappedOrder | null {
  const order = record(payload);
  const status = order.status;
  const id = typeof order.id === 'number' || typeof order.id === 'string' ? String(order.id) : undefined;
  const common = { site, order: id, currency: order.currency, ...session(order) };
  if ((PAID_STATUSES as readonly unknown[]).includes(status))
    return {
      id: `woocommerce:${id}:paid`,
      input: {
        ...common,
        value: money(order.total),
        items: items(order.line_items, item),
        ts: gmtTime(order.date_paid_gmt) ?? gmtTime(order.date_created_gmt),
        status: 'paid',
      },
    };
  if ((VOID_STATUSES as readonly unknown[]).includes(status))
    return {
      id: `woocommerce:${id}:refund`,
      input: { ...common, ts: gmtTime(order.date_modified_gmt), status: 'cancelled' },
    };
  return null;
}
