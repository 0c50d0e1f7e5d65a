/**
 * Serves the demo storefront from its own origin (a port of its own), so that the Cartpulse script,
 * loaded from the collector's origin, is exercised across origins exactly as on a real shop.
 */
import { readFile } from 'node:fs/promises';
import { productArt } from '../shop/art.js';
import { findProduct } from '../shop/catalog.js';
import { type RunningServer, serve, TYPES } from '../shop/server.js';
import { renderPage, type TrackerTag } from './pages.js';

export interface StorefrontOptions {
  /** TCP port; 0 picks a free one. @default 8788 (`npm start` reads `STOREFRONT_PORT`) */
  port?: number;
  /** Address to bind. @default '127.0.0.1' */
  host?: string;
  /**
   * The collector's base URL as a browser reaches it: the pages load `<collectorUrl>/cp.js`.
   * @default 'http://localhost:8787'
   */
  collectorUrl?: string;
  /** The `data-site` of the script tag. @default 'demo-shop' */
  site?: string;
  /**
   * More attributes for the Cartpulse script tag (name → value, `''` for a bare attribute), such as the
   * SDK's opt-in for automated browsers in tests.
   * @default {} plus the opt-in for localhost, since the demo runs on localhost
   * @example startStorefront({ port: 0, trackerAttributes: { 'data-allow-automation': '' } })
   */
  trackerAttributes?: Record<string, string>;
}

/** Lets the SDK record on localhost, where the demo shop runs (it ignores localhost by default). */
export const LOCALHOST_OPT_IN: Record<string, string> = { 'data-allow-localhost': '' };

const ASSETS: Record<string, { file: URL; type: string }> = {
  '/assets/shop.css': { file: new URL('../shop/shop.css', import.meta.url), type: TYPES.css },
  '/assets/shop.js': { file: new URL('./public/shop.js', import.meta.url), type: TYPES.js },
};

/**
 * Starts the demo storefront.
 * @example
 * const shop = await startStorefront({ port: 8788, collectorUrl: 'http://localhost:8787' });
 * console.log(`Shop: ${shop.url}`); // later: await shop.stop()
 */
export async function startStorefront(options: StorefrontOptions = {}): Promise<RunningServer> {
  const collectorUrl = (options.collectorUrl ?? 'http://localhost:8787').replace(/\/+$/, '');
  const tracker: TrackerTag = {
    src: `${collectorUrl}/cp.js`,
    site: options.site ?? 'demo-shop',
    attributes: { ...LOCALHOST_OPT_IN, ...options.trackerAttributes },
  };
  return serve({
    port: options.port ?? 8788,
    host: options.host ?? '127.0.0.1',
    handle: async (url) => {
      const asset = ASSETS[url.pathname];
      if (asset) return { status: 200, type: asset.type, body: await readFile(asset.file) };
      const art = /^\/art\/([a-z0-9-]+)\.svg$/.exec(url.pathname);
      if (art) {
        const product = findProduct(art[1] as string);
        if (product)
          return { status: 200, type: TYPES.svg, body: productArt(product), cache: 'max-age=3600' };
      }
      const page = renderPage(tracker, url.pathname);
      return { status: page.status, type: TYPES.html, body: page.html };
    },
  });
}
