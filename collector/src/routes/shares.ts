/**
 * Share links (collector token only): `POST /api/shares` `{"site": "...", "label": "..."}` creates a
 * read-only link for one site and returns its token once; `GET /api/shares?site=<id>` lists a site's
 * links (without tokens); `DELETE /api/shares/<id>` revokes one. Storage: `shares/store.ts`.
 */
import { Hono } from 'hono';
import * as v from 'valibot';
import type { AppContext } from '../context.js';
import { requireToken } from '../http/auth.js';
import { badRequest, storageFailure } from '../http/errors.js';
import { describeIssues, SiteIdSchema } from '../protocol/schema.js';
import { sharesFor } from '../shares/context.js';

export const CreateShareSchema = v.object({
  site: SiteIdSchema,
  label: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(64, 'label: at most 64 characters'))),
});

export function shareRoutes(ctx: AppContext) {
  const shares = sharesFor(ctx);
  const app = new Hono();
  app.use('/api/shares', requireToken(ctx.options.token));
  app.use('/api/shares/*', requireToken(ctx.options.token));

  app.post('/api/shares', async (c) => {
    const body = v.safeParse(CreateShareSchema, await c.req.json().catch(() => null));
    if (!body.success) return badRequest(c, describeIssues(body.issues));
    try {
      const link = await shares.create(body.output.site, body.output.label || undefined, ctx.options.clock());
      return c.json({ ...link, path: `/share/${link.token}` }, 201, { 'Cache-Control': 'no-store' });
    } catch (error) {
      return storageFailure(c, ctx, error, '/api/shares');
    }
  });

  app.get('/api/shares', async (c) => {
    const site = c.req.query('site');
    if (site !== undefined && !v.is(SiteIdSchema, site)) return badRequest(c, 'site is not a site id');
    try {
      return c.json({ shares: await shares.list(site) }, 200, { 'Cache-Control': 'no-store' });
    } catch (error) {
      return storageFailure(c, ctx, error, '/api/shares');
    }
  });

  app.delete('/api/shares/:id', async (c) => {
    try {
      if (!(await shares.revoke(c.req.param('id')))) return c.json({ error: 'no such share link' }, 404);
      return c.body(null, 204);
    } catch (error) {
      return storageFailure(c, ctx, error, '/api/shares/:id');
    }
  });

  return app;
}
