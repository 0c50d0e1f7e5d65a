/**
 * `GET /metrics`: Prometheus text format. It answers only to `Authorization: Bearer <CARTPULSE_TOKEN>`
 * (Prometheus sends it from its scrape config), unless `metricsPublic` (CARTPULSE_METRICS_PUBLIC=1)
 * opens it to anyone for a private network.
 */
import { Hono } from 'hono';
import { requireToken } from '../http/auth.js';

export type RenderMetrics = () => Promise<{ contentType: string; body: string }>;

export interface MetricsRouteOptions {
  /** The collector token; share links never open /metrics. */
  token: string;
  /** Answer without a token. @default false */
  public?: boolean;
  /** The exposition; without it the route answers 404. */
  render?: RenderMetrics;
}

export function metricsRoutes(options: MetricsRouteOptions) {
  const app = new Hono();
  const { render } = options;
  if (!render) return app;
  if (!options.public) app.use('/metrics', requireToken(options.token));
  app.get('/metrics', async (c) => {
    const { contentType, body } = await render();
    return c.body(body, 200, { 'Content-Type': contentType, 'Cache-Control': 'no-store' });
  });
  return app;
}
