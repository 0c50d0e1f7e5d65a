/**
 * The shops' own order webhooks: `POST /webhooks/shopify/<site>` and `POST /webhooks/woocommerce/<site>`.
 * Each is checked against the site's registered secret (the base64 HMAC-SHA256 of the raw body in
 * `X-Shopify-Hmac-Sha256` or `X-WC-Webhook-Signature`, `webhooks/verify.ts`): a missing or wrong signature,
 * or a site without that secret, gets 401 and nothing is stored. A signed webhook of a topic or status
 * that counts nothing answers 200 and stores nothing; one that counts is mapped (`webhooks/shopify.ts`,
 * `webhooks/woocommerce.ts`) and goes the way of `/ingest/orders` (`orders/accept.ts`), answered 200, as
 * both shops expect. The payload itself is never stored (it holds the buyer's name and address): only
 * the order it maps to, or that order's dead letter.
 */
import { type Context, Hono } from 'hono';
import * as v from 'valibot';
import type { AppContext } from '../context.js';
import { limitEventBody } from '../http/body-limit.js';
import { badRequest } from '../http/errors.js';
import { acceptOrder, siteRefusal } from '../orders/accept.js';
import { SiteIdSchema } from '../protocol/schema.js';
import type { MappedOrder } from '../webhooks/payload.js';
import { isShopifyTopic, shopifyOrder } from '../webhooks/shopify.js';
import { validSignature } from '../webhooks/verify.js';
import { isWooCommercePing, isWooCommerceTopic, wooCommerceOrder } from '../webhooks/woocommerce.js';

/** Largest webhook body: a shop's order with its line items, addresses and tax lines runs to tens of KiB. */
export const WEBHOOK_BODY_BYTES = 1024 * 1024;

interface Shop {
  name: 'Shopify' | 'WooCommerce';
  route: string;
  signatureHeader: string;
  secret: (ctx: AppContext, site: string) => string | undefined;
  /** A request that stores nothing whatever its signature (WooCommerce's ping). */
  ping?: (raw: string) => boolean;
  /** What the webhook means: undefined for a topic that counts nothing, null for nothing to store. */
  map: (c: Context, site: string, raw: string) => MappedOrder | null | undefined | Error;
}

const SHOPS: Shop[] = [
  {
    name: 'Shopify',
    route: '/webhooks/shopify/:site',
    signatureHeader: 'X-Shopify-Hmac-Sha256',
    secret: (ctx, site) => ctx.registry.get(site)?.shopifySecret,
    map(c, site, raw) {
      const topic = c.req.header('x-shopify-topic');
      if (!isShopifyTopic(topic)) return undefined;
      const payload = parseJson(raw);
      if (payload instanceof Error) return payload;
      return shopifyOrder(site, topic, c.req.header('x-shopify-webhook-id'), payload);
    },
  },
  {
    name: 'WooCommerce',
    route: '/webhooks/woocommerce/:site',
    signatureHeader: 'X-WC-Webhook-Signature',
    secret: (ctx, site) => ctx.registry.get(site)?.woocommerceSecret,
    ping: isWooCommercePing,
    map(c, site, raw) {
      if (!isWooCommerceTopic(c.req.header('x-wc-webhook-topic'))) return undefined;
      const payload = parseJson(raw);
      if (payload instanceof Error) return payload;
      return wooCommerceOrder(site, payload);
    },
  },
];

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch (error) {
    return error as Error;
  }
}

export function webhookRoutes(ctx: AppContext) {
  const { hooks } = ctx;
  const app = new Hono();
  const nothing = (c: Context) => c.json({ accepted: 0, rejected: 0 }, 200);

  for (const shop of SHOPS)
    app.post(shop.route, limitEventBody(WEBHOOK_BODY_BYTES, hooks), async (c) => {
      const site = c.req.param('site') ?? '';
      if (!v.is(SiteIdSchema, site)) {
        hooks.onRejected?.('invalid_batch', 1);
        return badRequest(c, 'not a site id');
      }
      const refusal = siteRefusal(ctx, c, site);
      if (refusal) return refusal;
      const body = new Uint8Array(await c.req.arrayBuffer());
      const raw = Buffer.from(body).toString('utf8');
      if (shop.ping?.(raw)) return nothing(c);
      if (!validSignature(body, shop.secret(ctx, site), c.req.header(shop.signatureHeader))) {
        hooks.onRejected?.('bad_signature', 1);
        return c.json(
          {
            error: `missing or wrong signature: ${shop.signatureHeader} must be the base64 HMAC-SHA256 of the body with the site's ${shop.name} secret (registered with the site)`,
          },
          401,
        );
      }
      const mapped = shop.map(c, site, raw);
      if (mapped instanceof Error) {
        hooks.onRejected?.('malformed_json', 1);
        return badRequest(c, 'body is not valid JSON');
      }
      if (!mapped) return nothing(c);
      return acceptOrder(ctx, c, {
        site,
        input: mapped.input,
        id: () => mapped.id,
        raw: { webhook: mapped.id, order: mapped.input },
        route: shop.route,
        status: 200,
        tooOld: 'ignore',
      });
    });
  return app;
}
