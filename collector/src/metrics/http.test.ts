import { Hono } from 'hono';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { requestDurationHistogram, timeRequests } from './http.js';

function appWithTiming() {
  const seen: { route: string; method: string; status: number; seconds: number }[] = [];
  const app = new Hono();
  app.use(
    '*',
    timeRequests((route, method, status, seconds) => seen.push({ route, method, status, seconds })),
  );
  const sub = new Hono();
  sub.get('/items/:id', (c) => c.json({ id: c.req.param('id') }));
  sub.use('/private', async (c, next) => (c.req.header('authorization') ? next() : c.text('no', 401)));
  sub.get('/private', (c) => c.text('yes'));
  sub.get('/boom', () => {
    throw new Error('boom');
  });
  app.route('/api', sub);
  app.notFound((c) => c.json({ error: 'not found' }, 404));
  app.onError((_error, c) => c.json({ error: 'internal error' }, 500));
  return { app, seen };
}

describe('request timing', () => {
  it('labels a request with the route pattern, never the raw path', async () => {
    const { app, seen } = appWithTiming();
    await app.request('/api/items/42');
    await app.request('/api/items/some-storefront-path');
    expect(seen.map(({ route, method, status }) => ({ route, method, status }))).toEqual([
      { route: '/api/items/:id', method: 'GET', status: 200 },
      { route: '/api/items/:id', method: 'GET', status: 200 },
    ]);
    expect(seen[0].seconds).toBeGreaterThanOrEqual(0);
  });

  it('labels the answer of a middleware, an error and a path no route matches', async () => {
    const { app, seen } = appWithTiming();
    await app.request('/api/private');
    await app.request('/api/private', { headers: { authorization: 'x' } });
    await app.request('/api/boom');
    await app.request('/wp-admin/install.php');
    await app.request('/api/items/1', { method: 'PURGE' });
    expect(seen.map(({ route, method, status }) => `${method} ${route} ${status}`)).toEqual([
      'GET /api/private 401',
      'GET /api/private 200',
      'GET /api/boom 500',
      'GET unmatched 404',
      'other unmatched 404',
    ]);
  });

  it('does nothing without an observer', async () => {
    const app = new Hono();
    app.use('*', timeRequests(undefined));
    app.get('/', (c) => c.text('ok'));
    expect((await app.request('/')).status).toBe(200);
  });

  it('feeds http_request_duration_seconds', async () => {
    const registry = new Registry();
    const observe = requestDurationHistogram(registry);
    observe('/ingest', 'POST', 202, 0.003);
    const text = await registry.metrics();
    expect(text).toContain('# TYPE http_request_duration_seconds histogram');
    expect(text).toContain(
      'http_request_duration_seconds_bucket{le="0.005",route="/ingest",method="POST",status="202"} 1',
    );
  });
});
