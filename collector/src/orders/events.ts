/**
 * From a validated backend order to the one event the stream stores for it (the consumer's input, see
 * `protocol/stored-event.ts`): a `purchase` or a `refund` with `origin: 'backend'`, on the server clock.
 * Pure. The event id is what makes a retry or a replayed webhook count once: it is derived from the
 * order (never random), by `apiEventId` here and by the webhook mappings.
 */
import { eventTime, tooOld } from '../protocol/event-time.js';
import type { StoredEvent } from '../protocol/stored-event.js';
import type { ValidOrder } from './schema.js';

/**
 * The id of an order sent to `/ingest/orders`: `api:<order>`; a refund `api:refund:<order>:<value>` (two
 * refunds of the same amount of one order count once: send their sum, or one of them later), a
 * cancellation `api:cancel:<order>`.
 */
export function apiEventId(order: ValidOrder): string {
  const status = order.status ?? 'paid';
  if (status === 'refunded') return `api:refund:${order.order}:${order.value}`;
  if (status === 'cancelled') return `api:cancel:${order.order}`;
  return `api:${order.order}`;
}

/**
 * Whether the order's own time lies more than 24 hours before it arrived: it is not stored then, as no
 * event of `/ingest` that old is (`tooOld`).
 */
export const isTooOld = (order: ValidOrder, acceptTime: number) => tooOld(acceptTime, order.ts, undefined);

/**
 * @param acceptTime when the request arrived: a `ts` after it is moved back to it (a backend's clock ahead
 * of ours), one before it kept (the caller refuses orders older than 24 h: `isTooOld`)
 * @param id the event id (`apiEventId`, or a webhook's)
 */
export function orderEvent(order: ValidOrder, acceptTime: number, id: string): StoredEvent {
  const status = order.status ?? 'paid';
  const event: StoredEvent = {
    id,
    type: status === 'paid' ? 'purchase' : 'refund',
    origin: 'backend',
    t: eventTime(acceptTime, order.ts, undefined),
    vid: order.vid ?? '',
  };
  if (order.sid !== undefined) event.sid = order.sid;
  event.order = order.order;
  if (order.value !== undefined) event.value = order.value;
  event.currency = order.currency;
  if (status === 'paid') event.items = order.items ?? [];
  return event;
}
