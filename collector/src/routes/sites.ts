/**
 * `GET /api/sites`: the sites that have sent events, `{"sites": ["a", "b"]}` sorted, for the dashboard's
 * site switcher. The consumer records each site in its partition's set (`keys.ts`, `sites`); a share
 * token sees only its own site.
 */
import { Hono } from 'hono';
import type { AppContext } from '../context.js';
import { requireToken, viewerOf } from '../http/auth.js';
import { unavailable } from '../http/errors.js';
import { sharesFor } from '../shares/context.js';

/** Every site recorded by the consumer, sorted: one SMEMBERS per partition, in one pipeline. */
export async function listSites(ctx: AppContext): Promise<string[]> {
  const pipeline = ctx.reader.pipeline();
  for (const keys of ctx.partitions) pipeline.smembers(keys.sites);
  const sites = new Set<string>();
  for (const [error, members] of (await pipeline.exec()) ?? []) {
    if (error) throw error;
    for (const site of members as string[]) sites.add(site);
  }
  return [...sites].sort();
}

export function siteRoutes(ctx: AppContext) {
  const app = new Hono();
  app.get('/api/sites', requireToken(ctx.options.token, { shares: sharesFor(ctx) }), async (c) => {
    const viewer = viewerOf(c);
    if (viewer.kind === 'share')
      return c.json({ sites: [viewer.share.site] }, 200, { 'Cache-Control': 'no-store' });
    try {
      return c.json({ sites: await listSites(ctx) }, 200, { 'Cache-Control': 'no-store' });
    } catch {
      return unavailable(c, ctx.options.retryAfterSeconds);
    }
  });
  return app;
}
