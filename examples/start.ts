/**
 * The demo shops next to a running collector: what `npm start` calls (`collector/src/cli.ts`).
 * Ports come from `STOREFRONT_PORT` (default 8788) and `SPA_PORT` (default 8789); both bind to `HOST`
 * when it is set, else to 127.0.0.1. A shop that cannot start (port in use, bundle not built) is
 * reported in `lines` and does not stop the collector.
 */
import { existsSync } from 'node:fs';
import type { RunningServer } from './shop/server.js';
import { BUNDLE, type SpaStorefrontOptions, startSpaStorefront } from './spa-storefront/server.js';
import { type StorefrontOptions, startStorefront } from './storefront/server.js';

export interface DemoOptions {
  /** @default STOREFRONT_PORT or 8788 */
  storefrontPort?: number;
  /** @default SPA_PORT or 8789 */
  spaPort?: number;
  /** @default HOST or '127.0.0.1' */
  host?: string;
  /** @default 'demo-shop' */
  site?: string;
  /** Passed to the storefront (e.g. `trackerAttributes`). */
  storefront?: StorefrontOptions;
  /** Passed to the SPA storefront (e.g. `sdkOptions`). */
  spa?: SpaStorefrontOptions;
}

export interface RunningDemos {
  /** What to print: one line per shop, its URL or why it did not start. */
  lines: string[];
  /** The site ids the shops send events for (`npm start` registers them). */
  sites: string[];
  storefront?: RunningServer;
  spa?: RunningServer;
  stop(): Promise<void>;
}

function port(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0 || number > 65535)
    throw new Error(`${name} must be a port number`);
  return number;
}

/** The address to print: `localhost` for a server on loopback or on every interface. */
function browserUrl(server: RunningServer): string {
  return server.url.replace(/^http:\/\/(127\.0\.0\.1|0\.0\.0\.0|\[::\]|\[::1\])(?=:)/, 'http://localhost');
}

/** Ports and host from the environment (`STOREFRONT_PORT`, `SPA_PORT`, `HOST`). */
export function demoOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): DemoOptions {
  return {
    storefrontPort: port(env.STOREFRONT_PORT, 8788, 'STOREFRONT_PORT'),
    spaPort: port(env.SPA_PORT, 8789, 'SPA_PORT'),
    host: env.HOST || '127.0.0.1',
  };
}

/**
 * Starts both demo shops, loading Cartpulse from `collectorUrl` (as a browser reaches it).
 * @example
 * const demos = await startDemos('http://localhost:8787');
 * for (const line of demos.lines) console.log(line);
 */
export async function startDemos(
  collectorUrl: string,
  options: DemoOptions = demoOptionsFromEnv(),
): Promise<RunningDemos> {
  const lines: string[] = [];
  const why = (error: unknown, envName: string) =>
    (error as NodeJS.ErrnoException).code === 'EADDRINUSE'
      ? `its port is in use (set ${envName} to another)`
      : String((error as Error).message ?? error);

  const storefront = await startStorefront({
    ...options.storefront,
    port: options.storefrontPort ?? 8788,
    host: options.host,
    collectorUrl,
    site: options.site ?? options.storefront?.site,
  }).catch((error) => {
    lines.push(`Demo shop did not start: ${why(error, 'STOREFRONT_PORT')}.`);
    return undefined;
  });
  if (storefront) lines.push(`Demo shop:      ${browserUrl(storefront)}  (script tag)`);

  const spa = await startSpaStorefront({
    ...options.spa,
    port: options.spaPort ?? 8789,
    host: options.host,
    collectorUrl,
    site: options.site ?? options.spa?.site,
  }).catch((error) => {
    lines.push(`SPA demo shop did not start: ${why(error, 'SPA_PORT')}.`);
    return undefined;
  });
  if (spa) {
    lines.push(`SPA demo shop:  ${browserUrl(spa)}  (npm package, client-side routing)`);
    if (!existsSync(BUNDLE)) lines.push('  (its bundle is not built yet: run `npm run build`, then reload)');
  }

  const siteOf = (shop?: { site?: string }) => options.site ?? shop?.site ?? 'demo-shop';
  return {
    lines,
    sites: [...new Set([siteOf(options.storefront), siteOf(options.spa)])],
    storefront,
    spa,
    stop: async () => {
      await Promise.all([storefront?.stop(), spa?.stop()]);
    },
  };
}
