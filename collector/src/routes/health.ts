/** `GET /healthz`: the process answers. `GET /readyz`: Redis answers and every partition has its group. */
import { Hono } from 'hono';
import type { AppContext } from '../context.js';

export function healthRoutes(ctx: AppContext) {
  const app = new Hono();
  app.get('/healthz', (c) => c.json({ ok: true }));
  app.get('/readyz', async (c) => {
    try {
      const pipeline = ctx.reader.pipeline();
      for (const keys of ctx.partitions) pipeline.xinfo('GROUPS', keys.stream);
      const results = (await pipeline.exec()) ?? [];
      const missing = results.filter(
        ([error, groups]) =>
          error || !(groups as unknown[][]).some((group) => group.includes(ctx.options.group)),
      ).length;
      if (missing > 0)
        return c.json({ ok: false, error: `consumer group missing on ${missing} partitions` }, 503);
      return c.json({ ok: true });
    } catch {
      return c.json({ ok: false, error: 'redis unreachable' }, 503);
    }
  });
  return app;
}
