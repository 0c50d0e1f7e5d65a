import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, describe, expect, it } from 'vitest';
import { limitBody } from './body-limit.js';

// Through a real Node server: the adapter's body handling is what this middleware is about.
describe('limitBody', async () => {
  const app = new Hono();
  app.post('/in', limitBody({ maxSize: 100, onError: (c) => c.text('too large', 413) }), async (c) =>
    c.text(`read ${(await c.req.text()).length}`),
  );
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** Posts `chunks`; with `chunked` no Content-Length is sent (Transfer-Encoding: chunked). */
  const post = (chunks: string[], chunked: boolean) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const length = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
      const request = http.request(
        {
          port,
          host: '127.0.0.1',
          path: '/in',
          method: 'POST',
          headers: chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': length },
        },
        (response) => {
          let body = '';
          response.on('data', (chunk) => {
            body += chunk;
          });
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
        },
      );
      request.on('error', reject);
      for (const chunk of chunks) request.write(chunk);
      request.end();
    });

  it('lets a body within the limit through, with or without a Content-Length', async () => {
    expect(await post(['x'.repeat(100)], false)).toEqual({ status: 200, body: 'read 100' });
    expect(await post(['x'.repeat(60), 'y'.repeat(40)], true)).toEqual({ status: 200, body: 'read 100' });
    expect(await post([], false)).toEqual({ status: 200, body: 'read 0' });
  });

  it('refuses a body over the limit, whether it declares its length or not', async () => {
    expect(await post(['x'.repeat(101)], false)).toEqual({ status: 413, body: 'too large' });
    expect(await post(['x'.repeat(60), 'y'.repeat(60)], true)).toEqual({ status: 413, body: 'too large' });
  });
});
