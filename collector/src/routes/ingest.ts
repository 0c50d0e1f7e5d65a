/**
 * `POST /ingest`: the storefront's only door. Every event either lands in the stream (and counts in
 * `accepted`), or is answered with a clear 4xx, or lands in the dead-letter stream with its reason (and
 * counts in `rejected`). A 202 is sent only after Redis acknowledged the write. Only registered sites
 * (or those `CARTPULSE_SITES` accepts) may send: for any other, a 404 and nothing stored but a bounded
 * count of refused ids. A 503 means Redis is unreachable or refusing writes, nothing else.
 */
import { Hono } from 'hono';
import { isbot } from 'isbot';
import type { AppContext } from '../context.js';
import { limitEventBody } from '../http/body-limit.js';
import { clientIp } from '../http/client-ip.js';
import { badRequest, forbidden, internalError, tooManyRequests, unavailable } from '../http/errors.js';
import { ingestCors } from '../http/ingest-cors.js';
import { anonymousVisitorId } from '../identity/visitor.js';
import { clientOf, trafficOf } from '../protocol/enrich.js';
import { normalizeBatch, parseBody } from '../protocol/normalize.js';
import { LIMITS } from '../protocol/schema.js';
import { describeUnavailable, isRedisUnavailable } from '../redis/errors.js';
import { appendBatch } from '../stream/producer.js';

export function ingestRoutes(ctx: AppContext) {
  const { options, hooks } = ctx;
  const app = new Hono();

  // Preflights come without a body, so without a site: answer them for any origin and check the
  // origin against the site's list on the POST itself. sendBeacon's text/plain needs no preflight.
  app.use('/ingest', ingestCors());

  app.post('/ingest', limitEventBody(LIMITS.bodyBytes, hooks), async (c) => {
    const acceptTime = options.clock();
    let body: unknown;
    try {
      body = JSON.parse(await c.req.text());
    } catch {
      hooks.onRejected?.('malformed_json', 1);
      return badRequest(c, 'body is not valid JSON');
    }
    const parsed = parseBody(body);
    if (!parsed.ok) {
      hooks.onRejected?.('invalid_batch', 1);
      return badRequest(c, parsed.error);
    }
    const { batch } = parsed;
    const { registry } = ctx;
    // before the registry was ever read, a registered site cannot be told from an unknown one
    if (!registry.loaded || ctx.fatal()) {
      hooks.onRejected?.('unavailable', batch.events.length);
      return unavailable(
        c,
        options.retryAfterSeconds,
        ctx.fatal() ?? 'the site registry is not loaded yet: Redis is unreachable',
      );
    }
    if (!registry.accepts(batch.site)) {
      hooks.onRejected?.('unknown_site', batch.events.length);
      ctx.refused.note(batch.site, batch.events.length, acceptTime);
      return c.json({ error: `unknown site: ${batch.site}` }, 404);
    }
    const site = registry.get(batch.site);
    const origin = c.req.header('origin');
    const allowed = site?.origins.length ? site.origins : options.allowedOrigins[batch.site];
    if (origin && allowed?.length && !allowed.includes(origin)) {
      hooks.onRejected?.('origin', batch.events.length);
      return forbidden(c, `origin ${origin} may not send events for site ${batch.site}`);
    }
    const wait = ctx.limiter.take(
      batch.site,
      batch.events.length,
      site?.rateLimit ?? options.rateLimit,
      acceptTime,
    );
    if (wait > 0) {
      hooks.onRejected?.('rate_limited', batch.events.length);
      hooks.onRateLimited?.(batch.site, batch.events.length);
      return tooManyRequests(
        c,
        wait,
        `site ${batch.site} is over its rate limit of ${site?.rateLimit ?? options.rateLimit} events per second`,
      );
    }
    const userAgent = c.req.header('user-agent') ?? '';
    if (isbot(userAgent)) {
      hooks.onRejected?.('bot', batch.events.length);
      return c.json({ accepted: batch.events.length, rejected: 0 }, 202);
    }
    try {
      let visitor: string | undefined;
      const needsVisitor = batch.events.some((e) => typeof e === 'object' && e !== null && !('vid' in e));
      const salt = needsVisitor ? await ctx.salt(acceptTime, site?.timezone) : '';
      const anonymous = () => {
        visitor ??= anonymousVisitorId(salt, batch.site, clientIp(c, options.trustProxy), userAgent);
        return visitor;
      };
      const breakdowns = options.breakdowns;
      const { accepted, rejected } = normalizeBatch(
        batch,
        acceptTime,
        anonymous,
        breakdowns ? trafficOf : undefined,
      );
      const client = breakdowns ? clientOf(clientIp(c, options.trustProxy), userAgent) : undefined;
      const started = performance.now();
      const cut = await appendBatch(
        ctx.producer,
        ctx.keysFor(batch.site),
        batch.site,
        accepted,
        rejected,
        acceptTime,
        {
          maxLength: options.dlqMaxLength,
          rawBytes: options.dlqRawBytes,
        },
        client,
        site?.timezone,
      );
      hooks.onAppend?.((performance.now() - started) / 1000);
      hooks.onAccepted?.(accepted.length);
      if (rejected.length) hooks.onRejected?.('invalid_event', rejected.length);
      if (cut) hooks.onDeadLetterTruncated?.(cut);
      return c.json({ accepted: accepted.length, rejected: rejected.length }, 202);
    } catch (error) {
      if (!isRedisUnavailable(error)) {
        ctx.log.error({ err: error, route: '/ingest', site: batch.site }, 'ingest failed');
        return internalError(c);
      }
      ctx.log.warn(
        { err: error, route: '/ingest', site: batch.site },
        `ingest: ${describeUnavailable(error)}`,
      );
      hooks.onRejected?.('unavailable', batch.events.length);
      return unavailable(c, options.retryAfterSeconds, describeUnavailable(error));
    }
  });
  return app;
}
