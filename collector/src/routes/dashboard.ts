/**
 * The dashboard: `GET /` (and `GET /share/<token>`, the read-only share view) answer the built page,
 * `dashboard/dist/index.html`, with a strict Content-Security-Policy; `GET /assets/<file>` answers its
 * content-hashed JS and CSS, cacheable forever. Build it with `npm run build`.
 */
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';

export interface DashboardOptions {
  /** Directory of the built dashboard. @default `dashboard/dist` of this repository */
  dir?: string;
}

export const DEFAULT_DASHBOARD_DIR = fileURLToPath(new URL('../../../dashboard/dist/', import.meta.url));

/**
 * Scripts and styles only from this origin, no inline code, no plugins, no framing, and Trusted Types so
 * that no string can ever become markup. uPlot and Preact set styles through the CSSOM (`el.style`), which
 * style-src does not restrict, so 'unsafe-inline' is not needed.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
  "trusted-types 'none'",
].join('; ');

const PAGE_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-cache',
};

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

export function dashboardRoutes(options: DashboardOptions = {}) {
  const dir = options.dir ?? DEFAULT_DASHBOARD_DIR;
  const app = new Hono();

  const page = async () => {
    try {
      return new Response(await readFile(join(dir, 'index.html')), { headers: PAGE_HEADERS });
    } catch {
      return new Response('The dashboard is not built: run `npm run build`.\n', {
        status: 503,
        headers: { 'Content-Type': 'text/plain; charset=utf-8' },
      });
    }
  };

  app.get('/', page);
  app.get('/share/:token', page);
  app.get('/assets/:file', async (c) => {
    const file = c.req.param('file');
    const type = TYPES[extname(file)];
    if (!/^[\w.-]+$/.test(file) || file.startsWith('.') || !type) return c.json({ error: 'not found' }, 404);
    try {
      return new Response(await readFile(join(dir, 'assets', file)), {
        headers: {
          'Content-Type': type,
          'Cache-Control': 'public, max-age=31536000, immutable',
          'X-Content-Type-Options': 'nosniff',
        },
      });
    } catch {
      return c.json({ error: 'not found' }, 404);
    }
  });
  return app;
}
