/**
 * A site's server keys, with the collector token only: `POST /api/sites/<id>/keys` creates one and answers
 * `201 {"id", "key"}`, the only time the key is shown; `GET /api/sites/<id>/keys` lists `{"keys": [{"id",
 * "createdAt"}]}`; `DELETE /api/sites/<id>/keys/<keyId>` revokes one. The keys open `POST /ingest/orders`
 * (`ingest-orders.ts`); storage: `sites/keys.ts`.
 */
import { Hono } from 'hono';
import * as v from 'valibot';
import type { AppContext } from '../context.js';
import { requireToken } from '../http/auth.js';
import { badRequest, storageFailure } from '../http/errors.js';
import { SiteIdSchema } from '../protocol/schema.js';
import { KEY_ID } from '../sites/keys.js';

const NO_STORE = { 'Cache-Control': 'no-store' };

export function siteKeyRoutes(ctx: AppContext) {
  const app = new Hono();
  app.use('/api/sites/:id/keys', requireToken(ctx.options.token));
  app.use('/api/sites/:id/keys/*', requireToken(ctx.options.token));

  /** The registered site the path names, or the answer that says why there is none. */
  const siteOf = (c: Parameters<typeof badRequest>[0]) => {
    const id = c.req.param('id') ?? '';
    if (!v.is(SiteIdSchema, id)) return { answer: badRequest(c, 'not a site id') };
    if (!ctx.registry.get(id)) return { answer: c.json({ error: `unknown site: ${id}` }, 404) };
    return { id };
  };

  app.post('/api/sites/:id/keys', async (c) => {
    const site = siteOf(c);
    if (site.answer) return site.answer;
    try {
      return c.json(await ctx.registry.createKey(site.id, ctx.options.clock()), 201, NO_STORE);
    } catch (error) {
      return storageFailure(c, ctx, error, '/api/sites/:id/keys');
    }
  });

  app.get('/api/sites/:id/keys', async (c) => {
    const site = siteOf(c);
    if (site.answer) return site.answer;
    try {
      return c.json({ keys: await ctx.registry.listKeys(site.id) }, 200, NO_STORE);
    } catch (error) {
      return storageFailure(c, ctx, error, '/api/sites/:id/keys');
    }
  });

  app.delete('/api/sites/:id/keys/:keyId', async (c) => {
    const site = siteOf(c);
    if (site.answer) return site.answer;
    const keyId = c.req.param('keyId');
    try {
      if (!KEY_ID.test(keyId) || !(await ctx.registry.revokeKey(site.id, keyId)))
        return c.json({ error: `unknown server key: ${keyId}` }, 404);
      return c.json({ deleted: keyId }, 200, NO_STORE);
    } catch (error) {
      return storageFailure(c, ctx, error, '/api/sites/:id/keys/:keyId');
    }
  });
  return app;
}
