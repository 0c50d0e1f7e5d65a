/**
 * Hono's `bodyLimit`, minus its cost on the common path. Hono's middleware first probes `c.req.raw.body`,
 * which makes @hono/node-server build a whole web `Request` for every request (a ReadableStream over the
 * socket, an AbortController) and read the body through it. A body with a Content-Length needs none of
 * that: Node's HTTP parser never delivers more bytes than the header declares, so the header alone
 * decides, and the route reads the body through the adapter's direct path. Bodies without a length
 * (chunked) still go through Hono's streaming check, which stops reading at the limit.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { CollectorHooks } from '../context.js';
import { tooLarge } from './errors.js';

export function limitBody(options: {
  maxSize: number;
  onError: (c: Context) => Response | Promise<Response>;
}): MiddlewareHandler {
  const streaming = bodyLimit(options);
  return async (c, next) => {
    const length = c.req.header('content-length');
    if (length === undefined || c.req.header('transfer-encoding') !== undefined) return streaming(c, next);
    if (Number.parseInt(length, 10) > options.maxSize) return options.onError(c);
    await next();
  };
}

/** The limit of the routes that take events: a `413` naming the limit, counted as a `too_large` reject. */
export function limitEventBody(
  maxSize: number,
  hooks: Pick<CollectorHooks, 'onRejected'>,
): MiddlewareHandler {
  return limitBody({
    maxSize,
    onError: (c) => {
      hooks.onRejected?.('too_large', 1);
      return tooLarge(c, maxSize);
    },
  });
}
