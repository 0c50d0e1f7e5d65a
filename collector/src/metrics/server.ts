/**
 * The small HTTP server of a standalone consumer (`cartpulse consumer`), on its own port (`METRICS_PORT`,
 * default 9464): `GET /metrics` (same rules as the collector's), `GET /healthz` (the process answers) and
 * `GET /readyz` (Redis answers), for Prometheus and for container health checks.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { Readiness } from '../redis/readiness.js';
import { type MetricsRouteOptions, metricsRoutes } from './route.js';

export interface MetricsServerOptions extends MetricsRouteOptions {
  /** @default 9464 (0 picks a free one) */
  port: number;
  /** @default '0.0.0.0' */
  host?: string;
  /** Whether the process can do its work; `/readyz` answers 503 with the reason when not, or when it throws. */
  ready(): Promise<Readiness>;
}

export interface RunningMetricsServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export function metricsServerApp(options: MetricsServerOptions): Hono {
  const app = new Hono();
  app.get('/healthz', (c) => c.json({ ok: true }));
  app.get('/readyz', async (c) => {
    const ready = await options
      .ready()
      .catch((error): Readiness => ({ ok: false, error: String(error?.message ?? error) }));
    return ready.ok ? c.json({ ok: true }) : c.json(ready, 503);
  });
  app.route('/', metricsRoutes(options));
  app.notFound((c) => c.json({ error: 'not found' }, 404));
  return app;
}

export async function startMetricsServer(options: MetricsServerOptions): Promise<RunningMetricsServer> {
  const host = options.host ?? '0.0.0.0';
  const server = serve({ fetch: metricsServerApp(options).fetch, port: options.port, hostname: host });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as unknown as { closeAllConnections(): void }).closeAllConnections();
      }),
  };
}
