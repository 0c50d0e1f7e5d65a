/** Who may call what: the security schemes, and the requirements the operations name. */
import type { Json } from './convert.js';

/** The collector token (`CARTPULSE_TOKEN`): every site, read and write. */
export const COLLECTOR = [{ collectorToken: [] }];
/** Read routes also take a share token, for its own site only. */
export const READER = [{ collectorToken: [] }, { shareToken: [] }];
export const PUBLIC: Json[] = [];
/** `/ingest/orders`: a server key of the site in the body. */
export const SERVER_KEY = [{ serverKey: [] }];
/** The webhooks: a signature of the body with the site's secret. */
export const SHOPIFY_SIGNED = [{ shopifySignature: [] }];
export const WOOCOMMERCE_SIGNED = [{ wooCommerceSignature: [] }];

export const SECURITY_SCHEMES = {
  collectorToken: {
    type: 'http',
    scheme: 'bearer',
    description: 'The collector token, `CARTPULSE_TOKEN`: every site, read and write.',
  },
  shareToken: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'cps_<id>_<secret>',
    description: "A share link's token: reads one site; a request for another site answers 403.",
  },
  serverKey: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'cpk_<43 characters>',
    description:
      "A site's server key (`POST /api/sites/<id>/keys`): sends that site's orders to `POST /ingest/orders`, from the shop's backend only.",
  },
  shopifySignature: {
    type: 'apiKey',
    in: 'header',
    name: 'X-Shopify-Hmac-Sha256',
    description:
      "The base64 HMAC-SHA256 of the raw body keyed with the site's `shopifySecret` (Shopify computes it).",
  },
  wooCommerceSignature: {
    type: 'apiKey',
    in: 'header',
    name: 'X-WC-Webhook-Signature',
    description:
      "The base64 HMAC-SHA256 of the raw body keyed with the site's `woocommerceSecret` (WooCommerce computes it).",
  },
  streamTicket: {
    type: 'apiKey',
    in: 'query',
    name: 'ticket',
    description: "From `POST /api/stream/ticket`: opens one site's stream within 60 s.",
  },
};
