import { describe, expect, it } from 'vitest';
import { metricsRoutes } from './route.js';

const render = async () => ({ contentType: 'text/plain; version=0.0.4; charset=utf-8', body: 'up 1\n' });

describe('GET /metrics', () => {
  it('answers only to the collector token', async () => {
    const app = metricsRoutes({ token: 'secret', render });
    expect((await app.request('/metrics')).status).toBe(401);
    const wrong = await app.request('/metrics', { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    const share = await app.request('/metrics', { headers: { authorization: 'Bearer cps_abc' } });
    expect(share.status).toBe(401);
    const right = await app.request('/metrics', { headers: { authorization: 'Bearer secret' } });
    expect(right.status).toBe(200);
    expect(right.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(right.headers.get('cache-control')).toBe('no-store');
    expect(await right.text()).toBe('up 1\n');
  });

  it('answers anyone when configured public (private networks only)', async () => {
    const app = metricsRoutes({ token: 'secret', public: true, render });
    expect((await app.request('/metrics')).status).toBe(200);
  });

  it('does not exist without metrics', async () => {
    const app = metricsRoutes({ token: 'secret' });
    const response = await app.request('/metrics', { headers: { authorization: 'Bearer secret' } });
    expect(response.status).toBe(404);
  });
});
