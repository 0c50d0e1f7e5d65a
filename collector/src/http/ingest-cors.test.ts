import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { ingestCors } from './ingest-cors.js';

describe('ingestCors', () => {
  const app = new Hono();
  app.use('/ingest', ingestCors());
  app.post('/ingest', (c) =>
    c.req.query('bad') ? c.json({ error: 'no' }, 400) : c.json({ accepted: 1 }, 202),
  );

  it('lets any origin read the answer to a POST, errors included', async () => {
    for (const path of ['/ingest', '/ingest?bad=1']) {
      const response = await app.request(path, {
        method: 'POST',
        headers: { origin: 'https://shop.example' },
      });
      expect(response.headers.get('access-control-allow-origin')).toBe('https://shop.example');
      expect(response.headers.get('vary')).toBe('Origin');
      expect(response.headers.get('access-control-expose-headers')).toBe('Retry-After');
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    }
    const anonymous = await app.request('/ingest', { method: 'POST' });
    expect(anonymous.status).toBe(202);
    expect(anonymous.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('answers preflights for POST with Content-Type, cached for a day', async () => {
    const response = await app.request('/ingest', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://shop.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(response.headers.get('access-control-allow-methods')).toBe('POST,OPTIONS');
    expect(response.headers.get('access-control-allow-headers')).toBe('Content-Type');
    expect(response.headers.get('access-control-max-age')).toBe('86400');
  });
});
