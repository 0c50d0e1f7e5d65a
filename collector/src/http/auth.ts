/** Bearer-token guard for the read side (realtime API, stream, metrics). */
import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { unauthorized } from './errors.js';

export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1];
}

/** Lets a request through only with `Authorization: Bearer <token>`. */
export function requireToken(token: string): MiddlewareHandler {
  return async (c, next) => {
    const given = bearerToken(c.req.header('authorization'));
    if (!given || !sameSecret(given, token)) return unauthorized(c);
    await next();
  };
}
