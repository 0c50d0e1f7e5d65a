/**
 * Serves the SPA storefront from its own origin: the built bundle, the shared stylesheet and pictures,
 * and for every other path the one HTML page (client-side routing), with the Cartpulse options written
 * into it so the same bundle works against any collector.
 */
import { readFile } from 'node:fs/promises';
import type { Options } from '@cartpulse/sdk';
import { productArt } from '../shop/art.js';
import { findProduct } from '../shop/catalog.js';
import { escapeHtml } from '../shop/html.js';
import { type RunningServer, serve, TYPES } from '../shop/server.js';
import { CONFIG_ELEMENT_ID } from './src/config.js';
import { matchRoute, routeTitle } from './src/routes.js';

export interface SpaStorefrontOptions {
  /** TCP port; 0 picks a free one. @default 8789 (`npm start` reads `SPA_PORT`) */
  port?: number;
  /** Address to bind. @default '127.0.0.1' */
  host?: string;
  /** The collector's base URL as a browser reaches it; events go to `<collectorUrl>/ingest`. @default 'http://localhost:8787' */
  collectorUrl?: string;
  /** Site id. @default 'demo-shop' */
  site?: string;
  /**
   * More SDK options for `init` (merged over `{ site, endpoint, allowLocalhost: true }`), such as
   * `allowAutomation: true` in browser tests.
   * @default {}
   * @example startSpaStorefront({ port: 0, sdkOptions: { allowAutomation: true } })
   */
  sdkOptions?: Partial<Options>;
}

/** Where rollup writes the bundle (`examples/rollup.parts.mjs`). */
export const BUNDLE = new URL('./dist/app.js', import.meta.url);

const BUILD_HINT = 'The SPA bundle is missing: run `npm run build` first.';

function page(title: string, config: Options): string {
  // Inside <script>, only "</" could end the element early: escape "<" in the JSON.
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/shop.css">
<script type="application/json" id="${CONFIG_ELEMENT_ID}">${json}</script>
<script type="module" src="/assets/app.js"></script>
</head>
<body>
<div id="app"></div>
<noscript>This demo shop is a single-page app: it needs JavaScript.</noscript>
</body>
</html>
`;
}

/**
 * Starts the SPA storefront (the bundle must have been built: `npm run build`).
 * @example
 * const spa = await startSpaStorefront({ port: 8789, collectorUrl: 'http://localhost:8787' });
 */
export async function startSpaStorefront(options: SpaStorefrontOptions = {}): Promise<RunningServer> {
  const collectorUrl = (options.collectorUrl ?? 'http://localhost:8787').replace(/\/+$/, '');
  const config: Options = {
    site: options.site ?? 'demo-shop',
    endpoint: `${collectorUrl}/ingest`,
    allowLocalhost: true,
    ...options.sdkOptions,
  };
  return serve({
    port: options.port ?? 8789,
    host: options.host ?? '127.0.0.1',
    handle: async (url) => {
      if (url.pathname === '/assets/app.js' || url.pathname === '/assets/app.js.map') {
        const file = url.pathname.endsWith('.map') ? new URL('./dist/app.js.map', import.meta.url) : BUNDLE;
        const body = await readFile(file).catch(() => null);
        if (!body) return { status: 503, type: TYPES.text, body: `${BUILD_HINT}\n` };
        return { status: 200, type: url.pathname.endsWith('.map') ? TYPES.json : TYPES.js, body };
      }
      if (url.pathname === '/assets/shop.css') {
        return {
          status: 200,
          type: TYPES.css,
          body: await readFile(new URL('../shop/shop.css', import.meta.url)),
        };
      }
      const art = /^\/art\/([a-z0-9-]+)\.svg$/.exec(url.pathname);
      if (art) {
        const product = findProduct(art[1] as string);
        if (product)
          return { status: 200, type: TYPES.svg, body: productArt(product), cache: 'max-age=3600' };
        return { status: 404, type: TYPES.text, body: 'Not found\n' };
      }
      const route = matchRoute(url.pathname);
      return {
        status: route.name === 'not-found' ? 404 : 200,
        type: TYPES.html,
        body: page(routeTitle(route), config),
      };
    },
  });
}
