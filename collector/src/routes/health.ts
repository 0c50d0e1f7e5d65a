/**
 * `GET /healthz`: the process answers. `GET /readyz`: this collector can count events now (Redis answers
 * and takes writes, still has its setup and every consumer group, the site registry is loaded, the
 * eviction policy was not refused); else 503 with the reason. O(partitions), never O(sites).
 */
import { Hono } from 'hono';
import type { AppContext } from '../context.js';

export function healthRoutes(ctx: AppContext) {
  const app = new Hono();
  app.get('/healthz', (c) => c.json({ ok: true }));
  app.get('/readyz', async (c) => {
    const fatal = ctx.fatal();
    if (fatal) return c.json({ ok: false, error: fatal }, 503);
    try {
      const ready = await ctx.readiness();
      if (!ready.ok) return c.json(ready, 503);
      if (!ctx.registry.loaded)
        return c.json({ ok: false, error: 'the site registry is not loaded yet' }, 503);
      return c.json({ ok: true });
    } catch (error) {
      ctx.log.error({ err: error, route: '/readyz' }, 'readiness check failed');
      return c.json({ ok: false, error: 'readiness check failed' }, 503);
    }
  });
  return app;
}
