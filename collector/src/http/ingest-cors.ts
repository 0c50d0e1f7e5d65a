/**
 * CORS for `POST /ingest`: any origin may send (each site's allowed origins are checked by the route,
 * against the site in the body). Preflights go through Hono's `cors()`. The POST itself only needs two
 * response headers, set with `c.header()` before the response exists: `cors()` sets them through
 * `c.res.headers`, which builds a placeholder Response for every request, then copies it into the real one.
 */
import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';

export function ingestCors(): MiddlewareHandler {
  const preflight = cors({
    origin: (origin) => origin || '*',
    allowMethods: ['POST', 'OPTIONS'],
    allowHeaders: ['Content-Type'],
    maxAge: 86_400,
  });
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') return preflight(c, next);
    c.header('Access-Control-Allow-Origin', c.req.header('origin') || '*');
    c.header('Vary', 'Origin');
    // the SDK honours Retry-After on a 503 or 429; a cross-origin page can read it only when exposed
    c.header('Access-Control-Expose-Headers', 'Retry-After');
    await next();
  };
}
