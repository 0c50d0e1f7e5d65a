/**
 * `GET /cp.js`: the script-tag build of the SDK (`sdk/dist/cartpulse.js`), served from the collector so
 * that a shop needs one `<script>` tag and no other host. The path avoids the words blocklists look for
 * (analytics, track, stats). Cached for a few minutes, revalidated with a strong ETag (a 304 costs a
 * header), gzipped when the browser accepts it, and loadable from any origin. Build it with
 * `npm run build`.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { Hono } from 'hono';

export interface SdkScriptOptions {
  /** The built script. @default `sdk/dist/cartpulse.js` of this repository */
  file?: string;
  /**
   * How long browsers and CDNs may use their copy without asking again, in seconds: short, so that a
   * new SDK reaches every shop within minutes; the ETag makes asking cheap.
   * @default 300
   */
  maxAge?: number;
}

export const DEFAULT_SDK_SCRIPT = fileURLToPath(new URL('../../../sdk/dist/cartpulse.js', import.meta.url));

interface Loaded {
  version: string;
  plain: Buffer;
  gzipped: Buffer;
  etag: string;
}

/** A strong validator per representation: the gzipped bytes are another representation. */
const etagOf = (loaded: Loaded, gzip: boolean) => (gzip ? `"${loaded.etag}-gz"` : `"${loaded.etag}"`);

/** If-None-Match matches with the weak comparison RFC 9110 asks for (a `W/` prefix is ignored). */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const candidate = tag.trim().replace(/^W\//, '');
    return candidate === '*' || candidate === etag;
  });
}

/** Accept-Encoding lists gzip, and not with q=0. */
const acceptsGzip = (header: string | undefined) =>
  /(^|,)\s*(gzip|\*)\s*(;\s*q=(0?\.\d*[1-9]|1(\.0*)?))?\s*(,|$)/i.test(header ?? '');

export function sdkScriptRoutes(options: SdkScriptOptions = {}) {
  const file = options.file ?? DEFAULT_SDK_SCRIPT;
  const maxAge = options.maxAge ?? 300;
  const app = new Hono();
  let loaded: Loaded | undefined;

  /** The script, read again only when the file changed (a rebuild while the collector runs). */
  async function load(): Promise<Loaded | undefined> {
    try {
      const info = await stat(file);
      const version = `${info.mtimeMs}:${info.size}`;
      if (loaded?.version !== version) {
        const plain = await readFile(file);
        const etag = createHash('sha256').update(plain).digest('base64url').slice(0, 27);
        loaded = { version, plain, gzipped: gzipSync(plain, { level: 9 }), etag };
      }
      return loaded;
    } catch {
      return undefined;
    }
  }

  app.get('/cp.js', async (c) => {
    const script = await load();
    if (!script)
      return c.text('The SDK is not built: run `npm run build`.\n', 503, { 'Cache-Control': 'no-store' });
    const gzip = acceptsGzip(c.req.header('accept-encoding'));
    const etag = etagOf(script, gzip);
    const headers: Record<string, string> = {
      'Content-Type': 'application/javascript; charset=utf-8',
      'Cache-Control': `public, max-age=${maxAge}`,
      ETag: etag,
      Vary: 'Accept-Encoding',
      // Shops load it from their own origin: allow that under COEP/CORP, and allow `crossorigin` tags
      // (Subresource Integrity).
      'Cross-Origin-Resource-Policy': 'cross-origin',
      'Access-Control-Allow-Origin': '*',
      'X-Content-Type-Options': 'nosniff',
    };
    if (matches(c.req.header('if-none-match'), etag)) return c.body(null, 304, headers);
    if (gzip) headers['Content-Encoding'] = 'gzip';
    return c.body(new Uint8Array(gzip ? script.gzipped : script.plain), 200, headers);
  });
  return app;
}
