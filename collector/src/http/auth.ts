/** Bearer-token guard for the read side (realtime API, stream, metrics). */
import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { isShareToken, type ShareLink, type ShareStore } from '../shares/store.js';
import { type Logger, silentLogger } from '../log.js';
import { forbidden, storageFailure, unauthorized } from './errors.js';

export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1];
}

/** Who a request speaks for: the collector token (every site), or a share link (one site, read-only). */
export type Viewer = { kind: 'token' } | { kind: 'share'; share: ShareLink };

/** The viewer `requireToken` let through. */
export const viewerOf = (c: Context): Viewer => c.get('viewer') as Viewer;

export interface TokenOptions {
  /**
   * Also accept share tokens (`cps_…`), read-only and for one site: a request whose `?site=` names
   * another site gets 403. Only for read routes. @default undefined (collector token only)
   */
  shares?: Pick<ShareStore, 'resolve'>;
  /** Where a failed share lookup is logged. @default a logger that writes nothing */
  log?: Logger;
}

/** Lets a request through only with `Authorization: Bearer <token>` (or a share token, see options). */
export function requireToken(token: string, options: TokenOptions = {}): MiddlewareHandler {
  return async (c, next) => {
    const given = bearerToken(c.req.header('authorization'));
    if (given && sameSecret(given, token)) {
      c.set('viewer', { kind: 'token' } satisfies Viewer);
      return next();
    }
    if (!given || !options.shares || !isShareToken(given)) return unauthorized(c);
    let share: ShareLink | null;
    try {
      share = await options.shares.resolve(given);
    } catch (error) {
      return storageFailure(
        c,
        { log: options.log ?? silentLogger, options: { retryAfterSeconds: 5 } },
        error,
        'share token',
      );
    }
    if (!share) return unauthorized(c);
    const site = c.req.query('site');
    if (site !== undefined && site !== share.site) return forbidden(c, 'this share link is for another site');
    c.set('viewer', { kind: 'share', share } satisfies Viewer);
    return next();
  };
}
