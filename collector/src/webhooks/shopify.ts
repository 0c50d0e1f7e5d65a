/**
 * Shopify's order webhooks, mapped to backend orders (pure): `orders/create` is an order, `orders/cancelled`
 * voids the whole order, `refunds/create` gives back the sum of the refund's successful refund
 * transactions. Every other topic stores nothing. The event id is `shopify:<X-Shopify-Webhook-Id>`, the same
 * on every retry of a delivery, so a replay counts once.
 */
import { type CartpulseItem, LIMITS } from '../protocol/schema.js';
import { identity, isoTime, items, type Json, list, type MappedOrder, money, record } from './payload.js';

export const SHOPIFY_TOPICS = ['orders/create', 'orders/cancelled', 'refunds/create'] as const;
export type ShopifyTopic = (typeof SHOPIFY_TOPICS)[number];

export const isShopifyTopic = (topic: string | undefined): topic is ShopifyTopic =>
  (SHOPIFY_TOPICS as readonly string[]).includes(topic ?? '');

/**
 * The order id both sides agree on: the plain numeric id. Webhooks give `id` as a number
 * (`5678901234567`) and `admin_graphql_api_id` as a global id (`gid://shopify/Order/5678901234567`); the
 * Web Pixels' `checkout.order.id` comes as either, and a checkout extension's as
 * `gid://shopify/OrderIdentity/5678901234567`, the same number. A global id loses its
 * `gid://shopify/<type>/` prefix, anything else is only trimmed: the rule of the custom pixel
 * (`sdk/integrations/shopify/custom-pixel.js`), so its purchase and the webhook's order are one order.
 * @example shopifyOrderId('gid://shopify/Order/5678901234567') === '5678901234567'
 */
export function shopifyOrderId(value: string | number): string {
  return String(value)
    .trim()
    .replace(/^gid:\/\/shopify\/\w+\//, '');
}

/** A line item as the protocol's item: the product id (as the pixel reports it), title, unit price, units. */
function item(line: unknown): CartpulseItem | null {
  const { product_id, variant_id, id, title, name, price, quantity } = record(line);
  const itemId = [product_id, variant_id, id].find((v) => typeof v === 'number' || typeof v === 'string');
  if (itemId === undefined || itemId === '') return null;
  const mapped: CartpulseItem = { id: String(itemId).slice(0, LIMITS.identityChars) };
  const label = typeof title === 'string' && title ? title : typeof name === 'string' ? name : undefined;
  if (label) mapped.name = label.slice(0, LIMITS.titleChars);
  const unit = money(price);
  if (unit !== undefined && unit >= 0) mapped.price = unit;
  if (Number.isInteger(quantity) && (quantity as number) >= 1 && (quantity as number) <= 100_000)
    mapped.qty = quantity as number;
  return mapped;
}

/** The browser's visitor and session, from the cart attributes the theme set (`_cartpulse_vid`, `_cartpulse_sid`). */
function session(order: Json): { vid?: string; sid?: string } {
  const attribute = (name: string) =>
    identity(
      list(order.note_attributes)
        .map(record)
        .find((a) => a.name === name)?.value,
    );
  const ids: { vid?: string; sid?: string } = {};
  const vid = attribute('_cartpulse_vid');
  const sid = attribute('_cartpulse_sid');
  if (vid) ids.vid = vid;
  if (sid) ids.sid = sid;
  return ids;
}

/** Sum of decimal amounts without binary drift (`12.50 + 7.45` is `19.95`). */
const sum = (amounts: number[]) => Math.round(amounts.reduce((a, b) => a + b, 0) * 1e6) / 1e6;

/**
 * What a webhook of `topic` means for the site's numbers: an `OrderInput` to validate and its event id,
 * or null when it stores nothing (a refund of nothing).
 * @param webhookId `X-Shopify-Webhook-Id`; when absent, the topic and the resource's own id stand in
 */
export function shopifyOrder(
  site: string,
  topic: ShopifyTopic,
  webhookId: string | undefined,
  payload: unknown,
): MappedOrder | null {
  const body = record(payload);
  const idOf = (resource: unknown) => `shopify:${webhookId?.trim() || `${topic}:${String(resource ?? '')}`}`;
  const orderId = (value: unknown) =>
    typeof value === 'number' || typeof value === 'string' ? shopifyOrderId(value) : undefined;
  if (topic === 'refunds/create') {
    const refunds = list(body.transactions)
      .map(record)
      .filter((t) => t.kind === 'refund' && t.status === 'success');
    const value = sum(refunds.map((t) => money(t.amount) ?? 0));
    if (!(value > 0)) return null;
    const currency = refunds.map((t) => t.currency).find((c) => typeof c === 'string');
    return {
      id: idOf(body.id),
      input: {
        site,
        order: orderId(body.order_id),
        value,
        currency,
        ts: isoTime(body.processed_at) ?? isoTime(body.created_at),
        status: 'refunded',
      },
    };
  }
  const common = { site, order: orderId(body.id), currency: body.currency, ...session(body) };
  if (topic === 'orders/cancelled')
    return {
      id: idOf(body.id),
      input: { ...common, ts: isoTime(body.cancelled_at) ?? isoTime(body.updated_at), status: 'cancelled' },
    };
  return {
    id: idOf(body.id),
    input: {
      ...common,
      value: money(body.total_price),
      items: items(body.line_items, item),
      ts: isoTime(body.created_at),
      status: 'paid',
    },
  };
}
