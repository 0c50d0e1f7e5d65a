/**
 * An order as the shop's backend reports it (`POST /ingest/orders`, and what the webhooks map Shopify's and
 * WooCommerce's payloads to), validated with the `/ingest` event's own field schemas, so the limits are
 * one: item shape and count, currency codes, id lengths. The type is `@cartpulse/protocol`'s `OrderInput`
 * (proven below).
 */
import type { OrderInput, OrderStatus } from '@cartpulse/protocol';
import * as v from 'valibot';
import type { Holds, Same } from '../protocol/same.js';
import { EventFields, SiteIdSchema } from '../protocol/schema.js';

export const ORDER_STATUSES = ['paid', 'refunded', 'cancelled'] as const;

/** The rules between fields, which the shape alone cannot say. */
function statusRule(order: { status?: OrderStatus; value?: number }): string | null {
  const status = order.status ?? 'paid';
  if (status === 'paid' && order.value === undefined) return 'an order needs a value (its total)';
  if (status === 'refunded' && !order.value) return 'a refund needs a value above 0 (the amount refunded)';
  if (status === 'cancelled' && order.value !== undefined)
    return 'a cancellation takes no value (it voids the whole order): send status "refunded" with the amount for part of it';
  return null;
}

export const OrderSchema = v.pipe(
  v.object({
    site: SiteIdSchema,
    order: v.unwrap(EventFields.order),
    value: EventFields.value,
    currency: v.unwrap(EventFields.currency),
    items: EventFields.items,
    ts: EventFields.ts,
    vid: EventFields.vid,
    sid: EventFields.sid,
    status: v.optional(v.picklist(ORDER_STATUSES, `status must be one of ${ORDER_STATUSES.join(', ')}`)),
  }),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const problem = statusRule(dataset.value);
    if (problem) addIssue({ message: problem });
  }),
);

export type ValidOrder = v.InferOutput<typeof OrderSchema>;

/** Fails the typecheck when the schema stops taking exactly the protocol's `OrderInput`. */
export type OrderIsTheProtocol = [
  Holds<Same<v.InferInput<typeof OrderSchema>, OrderInput>>,
  Holds<Same<ValidOrder, OrderInput>>,
  Holds<Same<(typeof ORDER_STATUSES)[number], OrderStatus>>,
];
