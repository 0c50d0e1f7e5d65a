/**
 * The small HTTP server under both storefronts: GET and HEAD only, one handler from path to response,
 * started on a port (0 for a free one) and stopped cleanly.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Reply {
  status: number;
  type: string;
  body: string | Buffer;
  /** @default 'no-cache' */
  cache?: string;
}

export interface RunningServer {
  /** Base URL for a browser on this machine, e.g. `http://localhost:8788`. */
  url: string;
  port: number;
  stop(): Promise<void>;
}

export const TYPES = {
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  svg: 'image/svg+xml',
  json: 'application/json',
  text: 'text/plain; charset=utf-8',
} as const;

export async function serve(options: {
  port: number;
  host: string;
  handle: (url: URL) => Reply | Promise<Reply>;
}): Promise<RunningServer> {
  const server: Server = createServer(async (request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD', 'content-type': TYPES.text }).end('Method not allowed\n');
      return;
    }
    let reply: Reply;
    try {
      reply = await options.handle(new URL(request.url ?? '/', 'http://localhost'));
    } catch (error) {
      reply = { status: 500, type: TYPES.text, body: `${(error as Error).message}\n` };
    }
    response.writeHead(reply.status, {
      'content-type': reply.type,
      'content-length': Buffer.byteLength(reply.body),
      'cache-control': reply.cache ?? 'no-cache',
      'x-content-type-options': 'nosniff',
    });
    response.end(request.method === 'HEAD' ? undefined : reply.body);
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const local = options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;
  return {
    url: `http://${local.includes(':') ? `[${local}]` : local}:${port}`,
    port,
    stop: () =>
      new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
