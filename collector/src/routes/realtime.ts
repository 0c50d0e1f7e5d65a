/**
 * `GET /api/realtime?site=<id>[&filter=<dimension>:<value>]`: one snapshot of a site's live windows, or of
 * only the sessions of one breakdown row (docs/protocol.md).
 */
import { Hono } from 'hono';
import * as v from 'valibot';
import type { AppContext } from '../context.js';
import { requireToken } from '../http/auth.js';
import { badRequest, storageFailure } from '../http/errors.js';
import { filterParam } from '../http/filter-param.js';
import { SiteIdSchema } from '../protocol/schema.js';
import { sharesFor } from '../shares/context.js';

export function realtimeRoutes(ctx: AppContext) {
  const app = new Hono();
  // A share token reads its own site only (403 for another).
  app.get(
    '/api/realtime',
    requireToken(ctx.options.token, { shares: sharesFor(ctx), log: ctx.log }),
    async (c) => {
      const site = v.safeParse(SiteIdSchema, c.req.query('site'));
      if (!site.success) return badRequest(c, 'query parameter site is missing or not a site id');
      const filter = filterParam(c, ctx.options.breakdowns);
      if (!filter.ok) return badRequest(c, filter.error);
      try {
        return c.json(await ctx.snapshot(site.output, undefined, filter.filter), 200, {
          'Cache-Control': 'no-store',
        });
      } catch (error) {
        return storageFailure(c, ctx, error, '/api/realtime');
      }
    },
  );
  return app;
}
