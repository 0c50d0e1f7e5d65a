/** The HTTP app: one route module per concern, mounted here. */
import { Hono } from 'hono';
import type { AppContext } from './context.js';
import { healthRoutes } from './routes/health.js';
import { ingestRoutes } from './routes/ingest.js';
import { realtimeRoutes } from './routes/realtime.js';

export function createApp(ctx: AppContext): Hono {
  const app = new Hono();
  app.route('/', healthRoutes(ctx));
  app.route('/', ingestRoutes(ctx));
  app.route('/', realtimeRoutes(ctx));
  app.notFound((c) => c.json({ error: 'not found' }, 404));
  app.onError((_error, c) => c.json({ error: 'internal error' }, 500));
  return app;
}
