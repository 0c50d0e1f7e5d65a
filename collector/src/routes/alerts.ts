/**
 * Alert rules over HTTP (docs/protocol.md, "Alerts"): `POST /api/alerts` adds one, `GET /api/alerts?site=`
 * lists rules with their states, `DELETE /api/alerts/<id>` removes one. Collector token only: a rule's
 * webhook makes the server send requests wherever it points, so a share link (read-only, for a screen in
 * the office) is refused with 403. Rules: alerts/rules.ts; storage: alerts/store.ts.
 */
import { Hono, type MiddlewareHandler } from 'hono';
import * as v from 'valibot';
import { MAX_RULES_PER_SITE } from '../alerts/constants.js';
import { AlertRuleInputSchema } from '../alerts/rules.js';
import { entryOf } from '../alerts/state.js';
import type { AppContext } from '../context.js';
import { bearerToken, requireToken } from '../http/auth.js';
import { badRequest, forbidden, storageFailure, unavailable } from '../http/errors.js';
import { describeIssues, SiteIdSchema } from '../protocol/schema.js';
import { isShareToken } from '../shares/store.js';

const NO_STORE = { 'Cache-Control': 'no-store' };

/** The collector token; a share token is told why it may not, instead of a bare 401. */
function collectorOnly(token: string): MiddlewareHandler {
  const guard = requireToken(token);
  return (c, next) => {
    const given = bearerToken(c.req.header('authorization'));
    if (given && isShareToken(given))
      return Promise.resolve(forbidden(c, 'a share link cannot manage alerts'));
    return guard(c, next);
  };
}

export function alertRoutes(ctx: AppContext) {
  const app = new Hono();
  const guard = collectorOnly(ctx.options.token);
  app.use('/api/alerts', guard);
  app.use('/api/alerts/*', guard);

  app.post('/api/alerts', async (c) => {
    const json = await c.req.json().catch(() => undefined);
    if (typeof json !== 'object' || json === null || Array.isArray(json))
      return badRequest(c, 'the body must be a rule: a JSON object with site, kind and webhook');
    const body = v.safeParse(AlertRuleInputSchema, json);
    if (!body.success) return badRequest(c, describeIssues(body.issues));
    const { site } = body.output;
    if (!ctx.registry.loaded)
      return unavailable(c, ctx.options.retryAfterSeconds, 'the site registry is not loaded yet');
    if (!ctx.registry.accepts(site)) return c.json({ error: `unknown site: ${site}` }, 404);
    try {
      const rule = await ctx.alerts.add(body.output, ctx.options.clock());
      if (rule === 'full')
        return c.json(
          { error: `${site} has ${MAX_RULES_PER_SITE} alert rules already: remove one first` },
          409,
        );
      return c.json(rule, 201, NO_STORE);
    } catch (error) {
      return storageFailure(c, ctx, error, '/api/alerts');
    }
  });

  app.get('/api/alerts', async (c) => {
    const site = c.req.query('site');
    if (site !== undefined && !v.is(SiteIdSchema, site)) return badRequest(c, 'site is not a site id');
    try {
      const rules = await ctx.alerts.list(site);
      const states = await ctx.alerts.states(rules.map((rule) => rule.id));
      const alerts = rules.flatMap((rule) => {
        const state = states.get(rule.id);
        return state ? [entryOf(rule, state)] : [];
      });
      return c.json({ alerts }, 200, NO_STORE);
    } catch (error) {
      return storageFailure(c, ctx, error, '/api/alerts');
    }
  });

  app.delete('/api/alerts/:id', async (c) => {
    const id = c.req.param('id');
    try {
      if (!(await ctx.alerts.remove(id))) return c.json({ error: `unknown alert: ${id}` }, 404);
      return c.json({ deleted: id }, 200, NO_STORE);
    } catch (error) {
      return storageFailure(c, ctx, error, '/api/alerts/:id');
    }
  });

  return app;
}
