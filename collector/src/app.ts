/** The HTTP app: one route module per concern, mounted here. */
import { Hono } from 'hono';
import type { AppContext } from './context.js';
import { timeRequests } from './metrics/http.js';
import { metricsRoutes } from './metrics/route.js';
import { alertRoutes } from './routes/alerts.js';
import { dashboardRoutes } from './routes/dashboard.js';
import { healthRoutes } from './routes/health.js';
import { ingestRoutes } from './routes/ingest.js';
import { ingestOrderRoutes } from './routes/ingest-orders.js';
import { openapiRoutes } from './routes/openapi.js';
import { realtimeRoutes } from './routes/realtime.js';
import { sdkScriptRoutes } from './routes/sdk-script.js';
import { shareRoutes } from './routes/shares.js';
import { siteKeyRoutes } from './routes/site-keys.js';
import { siteRoutes } from './routes/sites.js';
import { streamRoutes } from './routes/stream.js';
import { webhookRoutes } from './routes/webhooks.js';

export function createApp(ctx: AppContext): Hono {
  const app = new Hono();
  app.use('*', timeRequests(ctx.hooks.onRequest));
  app.route('/', healthRoutes(ctx));
  app.route('/', ingestRoutes(ctx));
  app.route('/', ingestOrderRoutes(ctx));
  app.route('/', webhookRoutes(ctx));
  app.route('/', realtimeRoutes(ctx));
  app.route('/', streamRoutes(ctx));
  app.route('/', siteRoutes(ctx));
  app.route('/', siteKeyRoutes(ctx));
  app.route('/', shareRoutes(ctx));
  app.route('/', alertRoutes(ctx));
  app.route('/', dashboardRoutes());
  app.route('/', sdkScriptRoutes());
  app.route('/', openapiRoutes());
  app.route(
    '/',
    metricsRoutes({
      token: ctx.options.token,
      public: ctx.options.metricsPublic,
      render: ctx.hooks.renderMetrics,
    }),
  );
  app.notFound((c) => c.json({ error: 'not found' }, 404));
  app.onError((error, c) => {
    ctx.log.error({ err: error, route: c.req.routePath, method: c.req.method }, 'request failed');
    return c.json({ error: 'internal error' }, 500);
  });
  return app;
}
