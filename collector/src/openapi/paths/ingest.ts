/** `POST /ingest` and its CORS preflight: what storefronts call. */
import { LIMITS } from '../../protocol/schema.js';
import { answer, header, json, RETRY_AFTER, ref, shared } from '../parts.js';
import { PUBLIC, SERVER_KEY } from '../security.js';

export const ingestPaths = () => ({
  '/ingest': {
    post: {
      operationId: 'ingest',
      tags: ['ingest'],
      summary: 'Send events',
      description:
        "The storefront's door; no token. Send `text/plain` (what `navigator.sendBeacon` sends) to need no " +
        'CORS preflight. A 202 means the accepted events are in the Redis stream. Events that fail the ' +
        'Event schema do not fail their batch: they are counted in `rejected` and dead-lettered. Known ' +
        'bots get a 202 and are counted nowhere. The Event schema also allows strings that the collector ' +
        'refuses: lone UTF-16 surrogates, and currency codes its runtime does not know.',
      security: PUBLIC,
      requestBody: {
        required: true,
        content: {
          'application/json': { schema: ref('IngestBody') },
          'text/plain': {
            schema: {
              type: 'string',
              contentMediaType: 'application/json',
              contentSchema: ref('IngestBody'),
            },
          },
        },
      },
      responses: {
        202: answer('stored (or dead-lettered, counted in `rejected`)', 'IngestResult', {
          'Access-Control-Allow-Origin': header("the request's `Origin`, or `*`"),
        }),
        400: answer('the body is not JSON, not an object, or not a batch', 'Error'),
        403: answer("the request's `Origin` is not among the site's allowed origins", 'Error'),
        404: answer('the site is not registered: `{"error": "unknown site: <id>"}`', 'Error'),
        413: answer(`the body is over ${LIMITS.bodyBytes} bytes`, 'Error'),
        429: answer('the site is over its rate limit: nothing was stored', 'Error', RETRY_AFTER),
        503: shared('Unavailable'),
      },
    },
    options: {
      operationId: 'ingestPreflight',
      tags: ['ingest'],
      summary: 'CORS preflight',
      description:
        "Answered for any origin (a preflight has no body, so no site); the POST checks the site's origins.",
      security: PUBLIC,
      responses: {
        204: {
          description: 'the preflight is allowed',
          headers: {
            'Access-Control-Allow-Origin': header("the request's `Origin`, or `*`"),
            'Access-Control-Allow-Methods': header('`POST,OPTIONS`'),
            'Access-Control-Allow-Headers': header('`Content-Type`'),
            'Access-Control-Max-Age': header('`86400`'),
          },
        },
      },
    },
  },
  '/ingest/orders': {
    post: {
      operationId: 'ingestOrder',
      tags: ['ingest'],
      summary: "Send an order, a refund or a cancellation from the shop's backend",
      description:
        'With a server key of the site, from a server: a request with an `Origin` header is refused (403) and ' +
        'no answer carries CORS headers. A 202 means the order is in the Redis stream as one event with ' +
        '`origin: "backend"`, whose id (`api:<order>`, `api:refund:<order>:<value>`, `api:cancel:<order>`) ' +
        'makes a retry count once. An order that fails the Order schema is counted in `rejected` and ' +
        'dead-lettered, as an invalid event of `/ingest` is.',
      security: SERVER_KEY,
      requestBody: { required: true, content: json('Order') },
      responses: {
        202: answer('stored (or dead-lettered, counted in `rejected`)', 'IngestResult'),
        400: answer('the body is not JSON, not an object, or has no valid `site`', 'Error'),
        401: answer('no server key, or not one of this site (the collector token is none)', 'Error', {
          'WWW-Authenticate': header('`Bearer`'),
        }),
        403: answer('the request has an `Origin` header: server keys are never for browsers', 'Error'),
        404: answer('the site is not registered: `{"error": "unknown site: <id>"}`', 'Error'),
        413: answer(`the body is over ${LIMITS.bodyBytes} bytes`, 'Error'),
        429: answer('the site is over its rate limit: nothing was stored', 'Error', RETRY_AFTER),
        503: shared('Unavailable'),
      },
    },
  },
});
