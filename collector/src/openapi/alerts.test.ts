import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { TEST_TOKEN, testCartpulse } from '../testing/cartpulse.js';
import { openapiDocument } from './document.js';

type Json = Record<string, any>;
const doc = openapiDocument() as Json;
const local = (node: unknown) =>
  JSON.parse(JSON.stringify(node).replaceAll('#/components/schemas/', 'cartpulse#/$defs/'));
const ajv = new Ajv2020({ allErrors: true });
ajv.addSchema(local({ $id: 'cartpulse', $defs: doc.components.schemas }));

describe('the alert routes answer what /openapi.json says', async () => {
  const { url } = await testCartpulse({ sites: ['doc-*'] });
  const headers = { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' };

  /** The answer's status is documented, and its body fits the schema documented for it. */
  async function conforms(method: string, path: string, response: Response, status: number) {
    expect(response.status, `${method} ${path}`).toBe(status);
    let documented = doc.paths[path][method].responses[status];
    expect(documented, `${method} ${path} ${status}`).toBeDefined();
    if (documented.$ref) documented = doc.components.responses[documented.$ref.split('/').at(-1)];
    const check = ajv.compile(local(documented.content['application/json'].schema));
    const body = await response.json();
    expect(check(body), `${method} ${path} ${status}: ${JSON.stringify(check.errors)}`).toBe(true);
    return body;
  }
  const post = (body: unknown) =>
    fetch(`${url}/api/alerts`, { method: 'POST', headers, body: JSON.stringify(body) });

  it('for every kind, and for the refusals', async () => {
    const webhook = 'https://hooks.example/x';
    const rules = [
      { site: 'doc-shop', kind: 'no_orders', webhook },
      { site: 'doc-shop', kind: 'drop', metric: 'orders', percent: 50, webhook },
      { site: 'doc-shop', kind: 'spike', metric: 'visitors', percent: 300, webhook, format: 'slack' },
      { site: 'doc-shop', kind: 'threshold', metric: 'revenue', below: 10, currency: 'EUR', webhook },
    ];
    const ids: string[] = [];
    for (const rule of rules) {
      // the request body fits the documented one, and the answer its schema
      const input = ajv.compile(
        local(doc.paths['/api/alerts'].post.requestBody.content['application/json'].schema),
      );
      expect(input(rule), JSON.stringify(input.errors)).toBe(true);
      ids.push((await conforms('post', '/api/alerts', await post(rule), 201)).id);
    }
    await conforms('post', '/api/alerts', await post({ site: 'doc-shop', kind: 'no_orders' }), 400);
    await conforms('post', '/api/alerts', await post({ site: 'other', kind: 'no_orders', webhook }), 404);
    const listed = await conforms(
      'get',
      '/api/alerts',
      await fetch(`${url}/api/alerts?site=doc-shop`, { headers }),
      200,
    );
    expect(listed.alerts.map((alert: { id: string }) => alert.id)).toEqual(ids);
    await conforms('get', '/api/alerts', await fetch(`${url}/api/alerts`), 401);
    const remove = (id: string) => fetch(`${url}/api/alerts/${id}`, { method: 'DELETE', headers });
    await conforms('delete', '/api/alerts/{id}', await remove(ids[0]), 200);
    await conforms('delete', '/api/alerts/{id}', await remove(ids[0]), 404);
  });
});
