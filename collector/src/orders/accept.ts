/**
 * What `/ingest/orders` and the webhooks share once they know the site and hold an order: the registry
 * gate (503 before it was ever read, 404 for an unknown site), the site's rate limit, validation (an
 * invalid order, or one more than 24 hours old, goes to the dead-letter stream with its reason and counts
 * in `rejected`, as an invalid event of `/ingest` does), the XADD of one stream entry with the one event, and the answer, sent only
 * after Redis acknowledged the write (503 when Redis is away or refuses writes).
 */
import type { Context } from 'hono';
import * as v from 'valibot';
import type { AppContext } from '../context.js';
import { internalError, tooManyRequests, unavailable } from '../http/errors.js';
import type { RejectedEvent } from '../protocol/normalize.js';
import { describeIssues } from '../protocol/schema.js';
import type { StoredEvent } from '../protocol/stored-event.js';
import { describeUnavailable, isRedisUnavailable } from '../redis/errors.js';
import { appendBatch } from '../stream/producer.js';
import { isTooOld, orderEvent } from './events.js';
import { OrderSchema, type ValidOrder } from './schema.js';

/**
 * The answer when the site cannot take orders now: 503 until the registry was first read (a registered
 * site cannot be told from an unknown one before), 404 for a site neither registered nor accepted by
 * `CARTPULSE_SITES`. Null: go on.
 */
export function siteRefusal(ctx: AppContext, c: Context, site: string): Response | null {
  if (!ctx.registry.loaded || ctx.fatal()) {
    ctx.hooks.onRejected?.('unavailable', 1);
    return unavailable(
      c,
      ctx.options.retryAfterSeconds,
      ctx.fatal() ?? 'the site registry is not loaded yet: Redis is unreachable',
    );
  }
  if (!ctx.registry.accepts(site)) {
    ctx.hooks.onRejected?.('unknown_site', 1);
    return c.json({ error: `unknown site: ${site}` }, 404);
  }
  return null;
}

export interface BackendOrder {
  site: string;
  /** What the request says about the order, to validate as an `OrderInput`. */
  input: unknown;
  /** The event id: stable across retries and replays, so that the consumer counts the order once. */
  id: (order: ValidOrder) => string;
  /** What an invalid order's dead letter keeps (capped like any other). */
  raw: unknown;
  /** For logs. */
  route: string;
  /** 202 for `/ingest/orders`; 200 for the webhooks, which Shopify and WooCommerce expect. */
  status: 200 | 202;
  /**
   * What becomes of an order whose own time lies more than 24 hours before it arrived, which no window
   * holds any more (and which, moved to 24 hours ago, would count again an order the consumer has
   * forgotten): `dead-letter` it (the API: the sender hears `rejected: 1`), or `ignore` it (a webhook for
   * an old order, such as WooCommerce's `order.updated` when someone edits it).
   */
  tooOld: 'dead-letter' | 'ignore';
}

export const TOO_OLD_ORDER = 'ts: the order happened more than 24 hours before it arrived';

/**
 * Rate limit, validate, store (one entry, no `client`, the site's time zone as `/ingest` writes it),
 * answer `{"accepted", "rejected"}`.
 */
export async function acceptOrder(
  ctx: AppContext,
  c: Context,
  { site, input, id, raw, route, status, tooOld }: BackendOrder,
): Promise<Response> {
  const { options, hooks } = ctx;
  const acceptTime = options.clock();
  const registered = ctx.registry.get(site);
  const rate = registered?.rateLimit ?? options.rateLimit;
  // a bucket of its own, at the site's rate: a storefront's burst never holds back the backend's orders
  const wait = ctx.limiter.take(`${site}\u001fbackend`, 1, rate, acceptTime);
  if (wait > 0) {
    hooks.onRejected?.('rate_limited', 1);
    hooks.onRateLimited?.(site, 1);
    return tooManyRequests(c, wait, `site ${site} is over its rate limit of ${rate} events per second`);
  }
  const parsed = v.safeParse(OrderSchema, input);
  const accepted: StoredEvent[] = [];
  const rejected: RejectedEvent[] = [];
  const late = parsed.success && isTooOld(parsed.output, acceptTime);
  if (late && tooOld === 'ignore') return c.json({ accepted: 0, rejected: 0 }, status);
  if (!parsed.success) rejected.push({ reason: describeIssues(parsed.issues), raw });
  else if (late) rejected.push({ reason: TOO_OLD_ORDER, raw });
  else accepted.push(orderEvent(parsed.output, acceptTime, id(parsed.output)));
  try {
    const started = performance.now();
    const cut = await appendBatch(
      ctx.producer,
      ctx.keysFor(site),
      site,
      accepted,
      rejected,
      acceptTime,
      { maxLength: options.dlqMaxLength, rawBytes: options.dlqRawBytes },
      undefined,
      registered?.timezone,
    );
    hooks.onAppend?.((performance.now() - started) / 1000);
    if (accepted.length) hooks.onAccepted?.(accepted.length);
    if (rejected.length) hooks.onRejected?.('invalid_event', rejected.length);
    if (cut) hooks.onDeadLetterTruncated?.(cut);
    return c.json({ accepted: accepted.length, rejected: rejected.length }, status);
  } catch (error) {
    if (!isRedisUnavailable(error)) {
      ctx.log.error({ err: error, route, site }, 'storing an order failed');
      return internalError(c);
    }
    ctx.log.warn({ err: error, route, site }, `${route}: ${describeUnavailable(error)}`);
    hooks.onRejected?.('unavailable', 1);
    return unavailable(c, options.retryAfterSeconds, describeUnavailable(error));
  }
}
