/**
 * The second ingest baseline: a Hono app on @hono/node-server, the framework and adapter the collector
 * is built on, doing what the bare node:http server does (read the whole body, answer 202 with a short
 * JSON string). The collector's distance to it is what Cartpulse's own work costs; its distance to bare
 * node:http is what Hono and the adapter cost.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { BareServer } from './bare-server.js';

const ANSWER = JSON.stringify({ accepted: 1, rejected: 0 });

export async function startHonoServer(): Promise<BareServer> {
  const app = new Hono();
  app.post('/ingest', async (c) => {
    await c.req.text();
    return c.body(ANSWER, 202, { 'content-type': 'application/json' });
  });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const http = server as unknown as { closeAllConnections(): void };
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        http.closeAllConnections();
      }),
  };
}
