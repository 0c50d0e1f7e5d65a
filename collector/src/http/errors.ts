/** Error answers in one shape, `{"error": "..."}`, so handlers stay short and clients parse one format. */
import type { Context } from 'hono';
import type { Logger } from '../log.js';
import { describeUnavailable, isRedisUnavailable } from '../redis/errors.js';

export const badRequest = (c: Context, error: string) => c.json({ error }, 400);
export const unauthorized = (c: Context) =>
  c.json({ error: 'missing or wrong token: send Authorization: Bearer <token>' }, 401, {
    'WWW-Authenticate': 'Bearer',
  });
export const forbidden = (c: Context, error: string) => c.json({ error }, 403);
export const tooLarge = (c: Context, limit: number) =>
  c.json({ error: `body larger than ${limit} bytes` }, 413);
/** Redis is unreachable or refuses writes; `cause` says which (never anything about the request). */
export const unavailable = (c: Context, retryAfterSeconds: number, cause?: string) =>
  c.json(
    { error: `storage unavailable, nothing was stored: retry later${cause ? ` (${cause})` : ''}` },
    503,
    { 'Retry-After': String(retryAfterSeconds) },
  );
export const tooManyRequests = (c: Context, retryAfterSeconds: number, error: string) =>
  c.json({ error: `${error}: nothing was stored, retry later` }, 429, {
    'Retry-After': String(retryAfterSeconds),
  });
/** A bug, not the request and not Redis: logged by the caller with its cause. */
export const internalError = (c: Context) => c.json({ error: 'internal error' }, 500);

/**
 * The answer to a failed storage call in a route: 503 (with the cause) when Redis is unreachable or
 * refusing writes, else 500; logged either way, with the route, so that nothing fails silently.
 */
export function storageFailure(
  c: Context,
  ctx: { log: Logger; options: { retryAfterSeconds: number } },
  error: unknown,
  route: string,
) {
  if (isRedisUnavailable(error)) {
    ctx.log.warn({ err: error, route }, `${route}: ${describeUnavailable(error)}`);
    return unavailable(c, ctx.options.retryAfterSeconds, describeUnavailable(error));
  }
  ctx.log.error({ err: error, route }, `${route} failed`);
  return internalError(c);
}
