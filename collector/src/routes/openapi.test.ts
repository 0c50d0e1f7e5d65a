import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import type { Batch } from '../../../sdk/src/protocol.js';
import { createApp } from '../app.js';
import { BROWSER_UA, TEST_TOKEN, testCartpulse } from '../testing/cartpulse.js';
import { webhookSignature } from '../webhooks/verify.js';
import { openapiDocument } from './openapi.js';

type Json = Record<string, any>;
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

const doc = openapiDocument() as Json;
const operations = Object.entries(doc.paths as Json).flatMap(([path, item]) =>
  Object.entries(item as Json)
    .filter(([method]) => METHODS.includes(method))
    .map(([method, operation]) => ({ path, method, operation: operation as Json })),
);

/** The document's schemas in one JSON Schema, so that ajv resolves the components' `$ref`s. */
const ajv = new Ajv2020({ allErrors: true });
ajv.addSchema(
  JSON.parse(
    JSON.stringify({ $id: 'cartpulse', $defs: doc.components.schemas }).replaceAll(
      '#/components/schemas/',
      'cartpulse#/$defs/',
    ),
  ),
);
const validatorOf = (schema: Json) =>
  ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('#/components/schemas/', 'cartpulse#/$defs/')));

/** `#/a/b` → the node of the document it points at. */
const resolve = (pointer: string) =>
  pointer
    .slice(2)
    .split('/')
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce<any>((node, part) => node?.[part], doc);

const refs = (node: unknown): string[] =>
  typeof node !== 'object' || node === null
    ? []
    : Object.entries(node).flatMap(([key, value]) =>
        key === '$ref' && typeof value === 'string' ? [value] : refs(value),
      );

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    const result = await new Validator().validate(structuredClone(doc));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('gives every operation an id, a security requirement and responses, and every $ref a target', () => {
    for (const { path, method, operation } of operations) {
      expect(Object.keys(operation.responses ?? {}).length, `${method} ${path}`).toBeGreaterThan(0);
      expect(operation.security, `${method} ${path}`).toBeInstanceOf(Array);
    }
    const ids = operations.map(({ operation }) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const ref of refs(doc)) expect(resolve(ref), ref).toBeDefined();
  });

  it('describes the ingest body so that a valid SDK batch passes and invalid ones do not', () => {
    const content = doc.paths['/ingest'].post.requestBody.content;
    const check = validatorOf(content['application/json'].schema);
    // text/plain carries the same JSON as a string
    expect(content['text/plain'].schema.contentSchema).toEqual(content['application/json'].schema);

    const batch: Batch = {
      site: 'demo-shop',
      sent: 1764086400123,
      events: [
        {
          type: 'pageview',
          id: 'k3j9x1-1',
          ts: 1764086399001,
          url: 'https://shop.example/p/mug',
          title: 'Mug',
        },
        {
          type: 'add_to_cart',
          id: 'k3j9x1-2',
          items: [{ id: 'mug-1', name: 'Mug', price: 12.5, qty: 1 }],
          value: 12.5,
          currency: 'EUR',
          props: { plan: 'weekly', seats: 3, trial: true },
        },
        { type: 'purchase', order: 'o-1', value: 12.5, currency: 'EUR' },
      ],
    };
    expect(check(batch), JSON.stringify(check.errors)).toBe(true);
    expect(check({ site: 'demo-shop', type: 'pageview', url: 'https://shop.example/' })).toBe(true);

    const event = batch.events[0];
    for (const bad of [
      { ...batch, site: 'no spaces' },
      { ...batch, site: undefined },
      { site: 'demo-shop', events: 'not an array' },
      { ...batch, events: [{ ...event, type: 'click' }] },
      { ...batch, events: [{ ...event, url: 'x'.repeat(2049) }] },
      { ...batch, events: [{ type: 'view_item', items: [{ name: 'no id' }] }] },
      { ...batch, events: [{ ...event, currency: 'EURO' }] },
      { ...batch, events: [{ ...event, props: { nested: { no: 1 } } }] },
      { ...batch, events: Array.from({ length: 501 }, () => event) },
      { site: 'demo-shop', url: 'https://shop.example/' },
      [batch],
    ])
      expect(check(bad), JSON.stringify(bad).slice(0, 80)).toBe(false);
  });
});

describe('GET /openapi.json and the routes of the app', async () => {
  const { context } = await testCartpulse();
  // as in production, with metrics on: `/metrics` is registered only then
  const renderMetrics = async () => ({ contentType: 'text/plain; version=0.0.4', body: 'up 1\n' });
  const app = createApp({ ...context, hooks: { ...context.hooks, renderMetrics } });
  const auth = { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' };

  it('is served without a token, cacheable for 5 minutes', async () => {
    const response = await app.request('/openapi.json');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual(JSON.parse(JSON.stringify(doc)));
  });

  it('describes every route the app registers, and only those', async () => {
    // `app.use` middleware is registered as method ALL; a GET route answers HEAD without a route of its own
    const registered = new Set(
      app.routes
        .filter((route) => route.method !== 'ALL')
        .map((route) => `${route.method.toLowerCase()} ${route.path.replace(/:(\w+)/g, '{$1}')}`),
    );
    const documented = new Set(operations.map(({ method, path }) => `${method} ${path}`));
    expect([...registered].filter((route) => !documented.has(route))).toEqual([]);
    // the one documented operation without a route: the CORS middleware answers the preflight
    expect([...documented].filter((route) => !registered.has(route))).toEqual(['options /ingest']);
    const preflight = await app.request('/ingest', {
      method: 'OPTIONS',
      headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
  });

  it('describes what the routes answer', async () => {
    /** Checks a real answer's status, and its body against the schema documented for that status. */
    const conforms = async (method: string, path: string, status: number, response: Response) => {
      expect(response.status, `${method} ${path}`).toBe(status);
      const responses = doc.paths[path][method].responses;
      const documented = responses[response.status];
      expect(documented, `${method} ${path} ${response.status}`).toBeDefined();
      const answer = documented.$ref ? resolve(documented.$ref) : documented;
      const schema = answer.content?.['application/json']?.schema;
      if (!schema) return;
      const check = validatorOf(schema);
      const body = await response.json();
      expect(check(body), `${method} ${path} ${response.status}: ${JSON.stringify(check.errors)}`).toBe(true);
    };
    const send = (path: string, init: RequestInit = {}) =>
      app.request(path, { ...init, headers: { ...auth, 'user-agent': BROWSER_UA, ...init.headers } });

    const post = (path: string, body: unknown) =>
      send(path, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body) });
    const remove = (path: string) => send(path, { method: 'DELETE' });

    const event = { type: 'pageview', url: 'https://a.example/p', vid: 'v', sid: 's' };
    await conforms('post', '/ingest', 202, await post('/ingest', { site: 'doc-shop', events: [event, {}] }));
    await conforms('post', '/ingest', 400, await post('/ingest', '{'));
    await conforms('get', '/api/realtime', 200, await send('/api/realtime?site=doc-shop'));
    await conforms('get', '/api/realtime', 400, await send('/api/realtime'));
    const anonymous = await send('/api/realtime?site=doc-shop', { headers: { authorization: '' } });
    await conforms('get', '/api/realtime', 401, anonymous);
    await conforms('post', '/api/stream/ticket', 200, await post('/api/stream/ticket?site=doc-shop', ''));
    const site = {
      id: 'doc-shop',
      name: 'Doc shop',
      timezone: 'Europe/Berlin',
      origins: ['https://a.example'],
    };
    await conforms('post', '/api/sites', 201, await post('/api/sites', site));
    await conforms('post', '/api/sites', 200, await post('/api/sites', { ...site, rateLimit: 50 }));
    await conforms('post', '/api/sites', 400, await post('/api/sites', { id: 1 }));
    const key = await post('/api/sites/doc-shop/keys', '');
    const { id: keyId, key: serverKey } = await key.clone().json();
    await conforms('post', '/api/sites/{id}/keys', 201, key);
    await conforms('post', '/api/sites/{id}/keys', 404, await post('/api/sites/nobody/keys', ''));
    await conforms('get', '/api/sites/{id}/keys', 200, await send('/api/sites/doc-shop/keys'));
    const order = { site: 'doc-shop', order: 'o-1', value: 5, currency: 'EUR', items: [{ id: 'mug' }] };
    const sendOrder = (body: unknown, headers: Record<string, string> = {}) =>
      app.request('/ingest/orders', {
        method: 'POST',
        headers: { authorization: `Bearer ${serverKey}`, ...headers },
        body: JSON.stringify(body),
      });
    await conforms('post', '/ingest/orders', 202, await sendOrder(order));
    await conforms('post', '/ingest/orders', 202, await sendOrder({ ...order, currency: 'EURO' }));
    await conforms('post', '/ingest/orders', 400, await sendOrder({ order: 'o-1' }));
    await conforms('post', '/ingest/orders', 401, await post('/ingest/orders', order));
    await conforms('post', '/ingest/orders', 403, await sendOrder(order, { origin: 'https://a.example' }));
    expect((await post('/api/sites', { ...site, shopifySecret: 'doc-secret' })).status).toBe(200);
    const shopifyBody = JSON.stringify({ id: 1, total_price: '5.00', currency: 'EUR', line_items: [] });
    const shopify = (signature: string) =>
      app.request('/webhooks/shopify/doc-shop', {
        method: 'POST',
        headers: { 'x-shopify-topic': 'orders/create', 'x-shopify-hmac-sha256': signature },
        body: shopifyBody,
      });
    const signed = webhookSignature(Buffer.from(shopifyBody), 'doc-secret');
    await conforms('post', '/webhooks/shopify/{site}', 200, await shopify(signed));
    await conforms('post', '/webhooks/shopify/{site}', 401, await shopify('x'));
    const ping = await app.request('/webhooks/woocommerce/doc-shop', {
      method: 'POST',
      body: 'webhook_id=1',
    });
    await conforms('post', '/webhooks/woocommerce/{site}', 200, ping);
    await conforms(
      'delete',
      '/api/sites/{id}/keys/{keyId}',
      200,
      await remove(`/api/sites/doc-shop/keys/${keyId}`),
    );
    await conforms(
      'delete',
      '/api/sites/{id}/keys/{keyId}',
      404,
      await remove(`/api/sites/doc-shop/keys/${keyId}`),
    );
    await conforms('get', '/api/sites', 200, await send('/api/sites?limit=1'));
    await conforms('get', '/api/sites', 400, await send('/api/sites?limit=0'));
    const elsewhere = await send('/ingest', {
      method: 'POST',
      headers: { origin: 'https://b.example' },
      body: JSON.stringify({ site: 'doc-shop', ...event }),
    });
    await conforms('post', '/ingest', 403, elsewhere);
    await conforms('get', '/api/sites/refused', 200, await send('/api/sites/refused'));
    const share = await post('/api/shares', { site: 'doc-shop', label: 'Office TV' });
    const { id } = await share.clone().json();
    await conforms('post', '/api/shares', 201, share);
    await conforms('get', '/api/shares', 200, await send('/api/shares?site=doc-shop'));
    await conforms('delete', '/api/shares/{id}', 204, await remove(`/api/shares/${id}`));
    await conforms('delete', '/api/shares/{id}', 404, await remove(`/api/shares/${id}`));
    await conforms('delete', '/api/sites/{id}', 200, await remove('/api/sites/doc-shop'));
    await conforms('delete', '/api/sites/{id}', 404, await remove('/api/sites/doc-shop'));
    await conforms('get', '/healthz', 200, await send('/healthz'));
    await conforms('get', '/readyz', 200, await send('/readyz'));
  });
});
