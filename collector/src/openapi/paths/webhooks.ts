/** The shops' order webhooks: what Shopify and WooCommerce call. */
import { WEBHOOK_BODY_BYTES } from '../../routes/webhooks.js';
import { answer, RETRY_AFTER, ref } from '../parts.js';
import { SHOPIFY_SIGNED, WOOCOMMERCE_SIGNED } from '../security.js';

const siteParameter = {
  name: 'site',
  in: 'path',
  required: true,
  description: 'the registered site the webhook is for',
  schema: ref('SiteId'),
};
const responses = (signature: string, secret: string, nothing: string) => ({
  200: answer(
    `stored (\`accepted: 1\`), dead-lettered (\`rejected: 1\`), or nothing to count (both 0): ${nothing}`,
    'IngestResult',
  ),
  400: answer('signed, but the body is not JSON; or the site is not a site id', 'Error'),
  401: answer(
    `no \`${signature}\`, a wrong one, or the site has no \`${secret}\`: nothing was stored`,
    'Error',
  ),
  404: answer('the site is not registered: `{"error": "unknown site: <id>"}`', 'Error'),
  413: answer(`the body is over ${WEBHOOK_BODY_BYTES} bytes`, 'Error'),
  429: answer('the site is over its rate limit: nothing was stored', 'Error', RETRY_AFTER),
  503: { $ref: '#/components/responses/Unavailable' },
});
const payload = (description: string) => ({
  required: true,
  content: { 'application/json': { schema: { type: 'object', description } } },
});

export const webhookPaths = () => ({
  '/webhooks/shopify/{site}': {
    post: {
      operationId: 'shopifyWebhook',
      tags: ['ingest'],
      summary: "Shopify's order webhooks: orders/create, orders/cancelled, refunds/create",
      description:
        '`X-Shopify-Topic` `orders/create` is an order, `orders/cancelled` a cancellation of the whole ' +
        'order, `refunds/create` a refund of its successful refund transactions; other topics answer 200 ' +
        'and store nothing. The event id is `shopify:<X-Shopify-Webhook-Id>`, so a retried delivery counts ' +
        'once. docs/protocol.md, "Shopify webhooks", has the mapping.',
      security: SHOPIFY_SIGNED,
      parameters: [
        siteParameter,
        {
          name: 'X-Shopify-Topic',
          in: 'header',
          required: true,
          schema: { type: 'string', examples: ['orders/create'] },
        },
        {
          name: 'X-Shopify-Webhook-Id',
          in: 'header',
          required: false,
          description: 'the delivery, the same on its retries: the event id',
          schema: { type: 'string' },
        },
      ],
      requestBody: payload(
        "Shopify's Order (orders/create, orders/cancelled) or Refund (refunds/create), as JSON",
      ),
      responses: responses(
        'X-Shopify-Hmac-Sha256',
        'shopifySecret',
        'a topic that counts nothing, a refund that gave nothing back',
      ),
    },
  },
  '/webhooks/woocommerce/{site}': {
    post: {
      operationId: 'wooCommerceWebhook',
      tags: ['ingest'],
      summary: "WooCommerce's order webhooks: order.created, order.updated",
      description:
        'Status `processing` or `completed` is an order (`woocommerce:<id>:paid`, once however often it is ' +
        'sent), `refunded` or `cancelled` a cancellation of the whole order (`woocommerce:<id>:refund`); ' +
        "other statuses and topics answer 200 and store nothing, as does WooCommerce's ping " +
        '(`webhook_id=<n>`, form-encoded) when the webhook is created.',
      security: WOOCOMMERCE_SIGNED,
      parameters: [
        siteParameter,
        {
          name: 'X-WC-Webhook-Topic',
          in: 'header',
          required: false,
          schema: { type: 'string', examples: ['order.updated'] },
        },
      ],
      requestBody: payload("WooCommerce's REST API order (v3), as JSON; or the ping `webhook_id=<n>`"),
      responses: responses(
        'X-WC-Webhook-Signature',
        'woocommerceSecret',
        'a status or topic that counts nothing, the ping',
      ),
    },
  },
});
