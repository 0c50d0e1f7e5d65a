/**
 * `POST /ingest/orders`: orders, refunds and cancellations from the shop's backend, authoritative for an
 * order's value. Only with `Authorization: Bearer <server key of the site>` (401 otherwise: the
 * collector token and share tokens are no server keys), and never from a browser: no CORS headers, and
 * a request with an `Origin` header gets 403 (a server key in a page is a leaked key). The body is one
 * `OrderInput` (`orders/schema.ts`); the rest is `/ingest`'s rules (`orders/accept.ts`).
 */
import { Hono } from 'hono';
import * as v from 'valibot';
import type { AppContext } from '../context.js';
import { bearerToken } from '../http/auth.js';
import { limitEventBody } from '../http/body-limit.js';
import { badRequest, forbidden } from '../http/errors.js';
import { acceptOrder, siteRefusal } from '../orders/accept.js';
import { apiEventId } from '../orders/events.js';
import { describeIssues, LIMITS, SiteIdSchema } from '../protocol/schema.js';

const SiteOfBody = v.object({ site: SiteIdSchema });

export function ingestOrderRoutes(ctx: AppContext) {
  const { hooks } = ctx;
  const app = new Hono();
  const unauthorized = (c: Parameters<typeof badRequest>[0]) => {
    hooks.onRejected?.('unauthorized', 1);
    return c.json(
      { error: 'missing or wrong server key: send Authorization: Bearer <a server key of the site>' },
      401,
      { 'WWW-Authenticate': 'Bearer' },
    );
  };

  app.post('/ingest/orders', limitEventBody(LIMITS.bodyBytes, hooks), async (c) => {
    if (c.req.header('origin') !== undefined) {
      hooks.onRejected?.('origin', 1);
      return forbidden(
        c,
        "/ingest/orders is for the shop's backend, never a browser (the request has an Origin header): keep server keys out of pages",
      );
    }
    const token = bearerToken(c.req.header('authorization'));
    if (!token) return unauthorized(c);
    let body: unknown;
    try {
      body = JSON.parse(await c.req.text());
    } catch {
      hooks.onRejected?.('malformed_json', 1);
      return badRequest(c, 'body is not valid JSON');
    }
    const addressed = v.safeParse(SiteOfBody, body);
    if (!addressed.success) {
      hooks.onRejected?.('invalid_batch', 1);
      return badRequest(
        c,
        typeof body === 'object' && body !== null && !Array.isArray(body)
          ? describeIssues(addressed.issues)
          : 'expected a JSON object: an order {site, order, value, currency, items, ts}',
      );
    }
    const { site } = addressed.output;
    const refusal = siteRefusal(ctx, c, site);
    if (refusal) return refusal;
    if (ctx.registry.serverKey(token)?.site !== site) return unauthorized(c);
    return acceptOrder(ctx, c, {
      site,
      input: body,
      id: apiEventId,
      raw: body,
      route: '/ingest/orders',
      status: 202,
      tooOld: 'dead-letter',
    });
  });
  return app;
}
