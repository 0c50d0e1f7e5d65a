/**
 * The shopping funnel with GA4's item shape. Item fields are read under their GA4 names and, for shops
 * still on the Universal Analytics shape, `id`; numbers may be strings. An invalid value or currency
 * costs a console warning showing the input (`cartpulse: {…}`) and is left out; the rest is still sent.
 * Never an exception.
 */
import type { CartpulseEvent, EventType, Item } from './protocol.js';
import { record } from './record.js';
import { warn } from './warn.js';

/**
 * A product line as GA4 shapes it (`id` works for `item_id` too). Numbers may be strings.
 * @example const line: ItemInput = { item_id: 'mug-1', item_name: 'Mug', price: '12.50', quantity: 2 };
 */
export interface ItemInput {
  item_id?: string | number;
  id?: string | number;
  item_name?: string;
  price?: number | string;
  quantity?: number | string;
  item_category?: string;
}

/**
 * Products, and optionally what they are worth: `value` needs an ISO 4217 `currency` such as `'EUR'`.
 * @example const cart: CommerceInput = { items: [{ item_id: 'mug-1', quantity: 2 }], value: 25, currency: 'EUR' };
 */
export interface CommerceInput {
  items?: ItemInput[];
  value?: number | string;
  currency?: string;
}

/**
 * A completed order: its id counts it once, however often it is reported.
 * @example const order: PurchaseInput = { order: 'A-1001', value: 37.5, currency: 'EUR', items: [{ item_id: 'mug-1' }] };
 */
export interface PurchaseInput extends CommerceInput {
  order: string | number;
}

export type CommerceType = Exclude<EventType, 'pageview' | 'event'>;

/** The funnel steps, in order; also the GA4 event names the dataLayer bridge reads. */
export const FUNNEL: CommerceType[] = [
  'view_item',
  'add_to_cart',
  'remove_from_cart',
  'begin_checkout',
  'purchase',
];

/** Orders already reported by this page. */
const reported = new Set<unknown>();

/** A number ≥ 0 from a number or a numeric string ("12.50"), else undefined. */
const amount = (input: unknown) =>
  ((input = parseFloat(input as string)) as number) >= 0 ? (input as number) : undefined;

/** Maps one GA4-shaped product line onto the protocol's item. */
export const toItem = (item: ItemInput): Item => ({
  // GA4 wants item_id or item_name; the protocol wants an id.
  id: String(item.item_id ?? item.id ?? ''),
  name: item.item_name,
  price: amount(item.price),
  qty: parseInt(item.quantity as string) || undefined,
  category: item.item_category,
});

/** Records one funnel step; GA4's `transaction_id` is taken as the order id. */
export function commerce(
  type: CommerceType,
  input: CommerceInput & { order?: string | number; transaction_id?: string | number },
): void {
  try {
    const order = input.order ?? input.transaction_id;
    const currency = /^[A-Z]{3}$/.test(input.currency!) ? input.currency : undefined;
    const value = currency ? amount(input.value) : undefined;
    const event: CartpulseEvent = {
      type,
      items: input.items
        ?.slice(0, 50)
        .map(toItem)
        .filter((item) => item.id),
      value,
      currency,
      order: order?.toString(),
    };
    if (input.value != null && value == null) /* @__INLINE__ */ warn(input);
    if (type != 'purchase' || (!reported.has(order) && reported.add(order))) record(event);
  } catch (error) {
    /* @__INLINE__ */ warn(error);
  }
}

/**
 * A shopper looked at a product.
 * @example
 * viewItem({ items: [{ item_id: 'mug-1', item_name: 'Mug', price: 12.5 }], value: 12.5, currency: 'EUR' });
 */
export const viewItem = (input: CommerceInput): void => commerce('view_item', input);

/**
 * Products went into the cart.
 * @example
 * addToCart({ items: [{ item_id: 'mug-1', item_name: 'Mug', price: 12.5, quantity: 2 }], value: 25, currency: 'EUR' });
 */
export const addToCart = (input: CommerceInput): void => commerce('add_to_cart', input);

/**
 * Products left the cart.
 * @example
 * removeFromCart({ items: [{ item_id: 'mug-1', quantity: 1 }] });
 */
export const removeFromCart = (input: CommerceInput): void => commerce('remove_from_cart', input);

/**
 * The shopper started the checkout.
 * @example
 * beginCheckout({ items: cart.lines, value: cart.total, currency: 'EUR' });
 */
export const beginCheckout = (input: CommerceInput): void => commerce('begin_checkout', input);

/**
 * An order was placed. The same order id reported twice on a page counts once.
 * @example
 * purchase({ order: 'A-1001', value: 37.5, currency: 'EUR', items: [{ item_id: 'mug-1', price: 12.5, quantity: 3 }] });
 */
export const purchase = (input: PurchaseInput): void => commerce('purchase', input);
