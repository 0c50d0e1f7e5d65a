import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

/**
 * The client's IP, used only as an input of the anonymous visitor hash. `X-Forwarded-For` is set by
 * anyone, so it is believed only when the operator says a proxy of theirs sits in front.
 */
export function clientIp(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? '';
  } catch {
    return ''; // no socket (in-process requests)
  }
}
