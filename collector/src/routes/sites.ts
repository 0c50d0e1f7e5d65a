/**
 * The site registry over HTTP, all with the collector token: `GET /api/sites` (paged and searchable:
 * `?q=`, `?cursor=`, `?limit=`), `POST /api/sites` (register or replace; webhook secrets are write-only
 * and kept when left out), `DELETE /api/sites/<id>` (the site and everything of it),
 * `GET /api/sites/refused` (ids that sent events unregistered). A share token may only list its own site.
 * A site's server keys: `site-keys.ts`.
 */
import { Hono } from 'hono';
import * as v from 'valibot';
import type { AppContext } from '../context.js';
import { requireToken, viewerOf } from '../http/auth.js';
import { badRequest, storageFailure, unavailable } from '../http/errors.js';
import { describeIssues, SiteIdSchema } from '../protocol/schema.js';
import { sharesFor } from '../shares/context.js';
import { removeSite } from '../sites/remove.js';
import { publicSite, SiteRegistrationSchema, siteFromRegistration } from '../sites/schema.js';

export const SITES_PAGE_MAX = 1000;

export const SiteListQuerySchema = v.object({
  q: v.optional(v.pipe(v.string(), v.maxLength(128))),
  cursor: v.optional(SiteIdSchema),
  limit: v.optional(
    v.pipe(
      v.string(),
      v.transform(Number),
      v.integer('limit must be a whole number'),
      v.minValue(1),
      v.maxValue(SITES_PAGE_MAX),
    ),
  ),
});

const NO_STORE = { 'Cache-Control': 'no-store' };

export function siteRoutes(ctx: AppContext) {
  const app = new Hono();
  const failed = (c: Parameters<typeof unavailable>[0], error: unknown, route: string) =>
    storageFailure(c, ctx, error, route);

  app.get('/api/sites', requireToken(ctx.options.token, { shares: sharesFor(ctx), log: ctx.log }), (c) => {
    const viewer = viewerOf(c);
    if (viewer.kind === 'share') {
      const site = ctx.registry.get(viewer.share.site);
      const only = site
        ? publicSite(site)
        : { id: viewer.share.site, name: viewer.share.site, timezone: 'UTC', origins: [] };
      return c.json({ sites: [only], total: 1, next: null }, 200, NO_STORE);
    }
    const query = v.safeParse(SiteListQuerySchema, c.req.query());
    if (!query.success) return badRequest(c, describeIssues(query.issues));
    if (!ctx.registry.loaded)
      return unavailable(c, ctx.options.retryAfterSeconds, 'the site registry is not loaded yet');
    const page = ctx.registry.list(query.output);
    return c.json({ ...page, sites: page.sites.map(publicSite) }, 200, NO_STORE);
  });

  app.use('/api/sites', requireToken(ctx.options.token));
  app.use('/api/sites/*', requireToken(ctx.options.token));

  app.post('/api/sites', async (c) => {
    const body = v.safeParse(SiteRegistrationSchema, await c.req.json().catch(() => undefined));
    if (!body.success) return badRequest(c, describeIssues(body.issues));
    try {
      const before = ctx.registry.get(body.output.id);
      const site = siteFromRegistration(body.output, ctx.options.clock(), before);
      const created = await ctx.registry.put(site);
      await ctx.refused.forget(site.id);
      return c.json(publicSite(site), created ? 201 : 200, NO_STORE);
    } catch (error) {
      return failed(c, error, '/api/sites');
    }
  });

  app.get('/api/sites/refused', async (c) => {
    try {
      return c.json({ refused: await ctx.refused.read() }, 200, NO_STORE);
    } catch (error) {
      return failed(c, error, '/api/sites/refused');
    }
  });

  app.delete('/api/sites/:id', async (c) => {
    const id = v.safeParse(SiteIdSchema, c.req.param('id'));
    if (!id.success) return badRequest(c, 'not a site id');
    try {
      if (
        !(await removeSite(
          { redis: ctx.reader, options: ctx.options, registry: ctx.registry, refused: ctx.refused },
          id.output,
        ))
      )
        return c.json({ error: `unknown site: ${id.output}` }, 404);
      return c.json({ deleted: id.output }, 200, NO_STORE);
    } catch (error) {
      return failed(c, error, '/api/sites/:id');
    }
  });
  return app;
}
