/**
 * The browser suites' world: HTML fixtures on one origin (a tiny static server), a real collector and a
 * private Redis on another, and Chromium introducing itself as a desktop Chrome (headless Chromium says
 * "HeadlessChrome", which the collector rightly counts nowhere; the flag rather than the context option,
 * because beacons sent while a page unloads carry the browser's own User-Agent).
 *
 * Every fixture is served in two builds: `min`, the minified `sdk/dist/cartpulse.js` as the collector
 * serves it at `/cp.js` (so the endpoint comes from the script's own origin), and `src`, the same entry
 * bundled from source without minifying, served by the fixture server with `data-endpoint`. And in
 * `core`, the minified `sdk/dist/cartpulse.core.js`, served by the fixture server.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import Redis from 'ioredis';
import type { Page } from 'playwright-core';
import { CHROMIUM_ARGS, launchChromium } from '../../../collector/src/testing/browser.js';
import type { StoredEvent } from '../../../collector/src/protocol/stored-event.js';
import { BROWSER_UA, getSnapshot } from '../../../collector/src/testing/cartpulse.js';

export type Build = 'min' | 'src' | 'core';
/** The builds every behaviour test runs against (`core` has a smoke test of its own). */
export const BUILDS: Build[] = ['min', 'src'];

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const CORE_BUILD = fileURLToPath(new URL('../../dist/cartpulse.core.js', import.meta.url));

/** Chromium as a desktop Chrome, with the back/forward cache on (Playwright turns it off by default). */
export const launchBrowser = () =>
  launchChromium({
    args: [...CHROMIUM_ARGS, `--user-agent=${BROWSER_UA}`],
    ignoreDefaultArgs: ['--disable-back-forward-cache'],
  });

/** `src/script.ts` bundled without minifying: the same entry as `dist/cartpulse.js`, before terser. */
async function sourceBundle(): Promise<string> {
  const parts = new URL('../../rollup.parts.mjs', import.meta.url).href;
  const { rollup } = await import('rollup');
  const [full] = (await import(parts)).default as {
    input: string;
    plugins: { name: string }[];
    output: object;
  }[];
  const bundle = await rollup({
    ...full,
    plugins: full.plugins.filter((plugin) => plugin.name !== 'terser'),
  });
  const { output } = await bundle.generate({ format: 'iife' });
  await bundle.close();
  return output[0].code;
}

const escapeAttribute = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export interface FixtureServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** The same server as `http://localhost:<port>`: another origin, so another localStorage. */
  otherOrigin: string;
  /**
   * A fixture's URL: `name` from `fixtures/`, for `site`, in `build`, with more `data-*` attributes on
   * the script tag (name without `data-` → value, `''` for a bare attribute).
   */
  page(
    name: string,
    site: string,
    build: Build,
    attributes?: Record<string, string>,
    origin?: string,
  ): string;
  close(): Promise<void>;
}

/**
 * Serves `fixtures/<name>.html` with the script tag put wherever the fixture says `<!-- cartpulse -->`,
 * and the source build at `/src/cartpulse.js`.
 */
export async function startFixtureServer(collectorUrl: string): Promise<FixtureServer> {
  const source = await sourceBundle();
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://fixtures');
    if (url.pathname === '/src/cartpulse.js' || url.pathname === '/dist/cartpulse.core.js') {
      response.writeHead(200, { 'content-type': 'text/javascript' });
      response.end(url.pathname.startsWith('/src/') ? source : readFileSync(CORE_BUILD));
      return;
    }
    const name = url.pathname.slice(1);
    if (!/^[\w-]+\.html$/.test(name)) {
      response.writeHead(404).end();
      return;
    }
    let html: string;
    try {
      html = readFileSync(FIXTURES + name, 'utf8');
    } catch {
      response.writeHead(404).end();
      return;
    }
    const build = (url.searchParams.get('build') ?? 'min') as Build;
    const attributes: Record<string, string> = {
      site: url.searchParams.get('site') ?? 'fixtures',
      'allow-localhost': '',
      'allow-automation': '',
      ...(build === 'min' ? {} : { endpoint: `${collectorUrl}/ingest` }),
      ...JSON.parse(url.searchParams.get('attributes') ?? '{}'),
    };
    const src = { min: `${collectorUrl}/cp.js`, src: '/src/cartpulse.js', core: '/dist/cartpulse.core.js' }[
      build
    ];
    const tag = `<script defer src="${escapeAttribute(src)}"${Object.entries(attributes)
      .map(([key, value]) => (value === '' ? ` data-${key}` : ` data-${key}="${escapeAttribute(value)}"`))
      .join('')}></script>`;
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    response.end(html.replaceAll('<!-- cartpulse -->', tag));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    otherOrigin: `http://localhost:${port}`,
    page: (name, site, build, attributes = {}, origin = url) =>
      `${origin}/${name}.html?${new URLSearchParams({ site, build, attributes: JSON.stringify(attributes) })}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface Snapshot {
  pageviews: number;
  topPages: { path: string; views: number }[];
  activeUsers: number;
  activeSessions: number;
  ecommerce: {
    viewItems: number;
    addToCarts: number;
    checkouts: number;
    orders: number;
    revenue: Record<string, number>;
    topProducts: { id: string; name?: string; count: number }[];
  };
  recent: { type: string; name?: string; path?: string; item?: string }[];
}

/**
 * The collector's snapshot for `site` once the custom event `marker` has been counted. The SDK sends in
 * order, one request at a time, and one site's events are applied in stream order, so everything
 * recorded before the marker is counted by then: exact counts can be asserted, duplicates included.
 */
export async function countedUpTo(collectorUrl: string, site: string, marker: string): Promise<Snapshot> {
  // A loop rather than expect.poll, which concurrent tests cannot share.
  const deadline = Date.now() + 20_000;
  for (;;) {
    // (A collector whose Redis is just back may answer 503 for a moment.)
    const snapshot: Snapshot | undefined = await getSnapshot(collectorUrl, site).catch(() => undefined);
    if (snapshot?.recent.some((event) => event.type === 'event' && event.name === marker)) return snapshot;
    if (Date.now() > deadline) throw new Error(`"${marker}" was not counted for ${site} within 20 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Records the marker in `page` and sends it now. */
export async function mark(page: Page, marker: string): Promise<void> {
  await page.evaluate((name) => {
    const cartpulse = (window as unknown as { cartpulse: Record<string, (...args: unknown[]) => void> })
      .cartpulse;
    cartpulse.track(name);
    cartpulse.flush();
  }, marker);
}

/**
 * Waits until the tracker has loaded on `page` (`window.cartpulse` is the real one, not the stub) and
 * has recorded its first page view (which waits one timer turn for the queued calls).
 */
export async function trackerReady(page: Page): Promise<void> {
  await page.waitForFunction(
    () => typeof (window as { cartpulse?: { init?: unknown } }).cartpulse?.init === 'function',
  );
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve)));
}

/** Every event of `site` that reached the Redis stream, in stream order (retries included). */
export async function streamEvents(
  cartpulse: { redisUrl: string; context: { keysFor(site: string): { stream: string } } },
  site: string,
): Promise<StoredEvent[]> {
  const redis = new Redis(cartpulse.redisUrl, { lazyConnect: true });
  await redis.connect();
  try {
    const entries = await redis.xrange(cartpulse.context.keysFor(site).stream, '-', '+');
    return entries.flatMap(([, fields]) => {
      const batch: Record<string, string> = {};
      for (let i = 0; i < fields.length; i += 2) batch[fields[i]] = fields[i + 1];
      return batch.site === site ? (JSON.parse(batch.events) as StoredEvent[]) : [];
    });
  } finally {
    redis.disconnect();
  }
}
