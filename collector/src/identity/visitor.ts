/**
 * Cookieless identity: the visitor is a keyed hash of a secret salt that changes every UTC day, the site,
 * the client IP and the User-Agent. The IP is hashed, never stored; yesterday's salt is gone, so
 * yesterday's visitor ids cannot be linked to today's. The salt lives in Redis so that every collector
 * derives the same ids.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { RedisClient } from '../redis/client.js';
import { saltKey } from '../keys.js';

export function anonymousVisitorId(salt: string, site: string, ip: string, userAgent: string): string {
  return `a:${createHmac('sha256', salt).update(`${site}\n${ip}\n${userAgent}`).digest('base64url').slice(0, 22)}`;
}

export const utcDay = (t: number) => new Date(t).toISOString().slice(0, 10);

/** Today's salt, created by whichever collector asks first, cached per process. */
export function dailySalts(redis: RedisClient, keyPrefix: string) {
  const cache = new Map<string, string>();
  return async (now: number): Promise<string> => {
    const day = utcDay(now);
    const cached = cache.get(day);
    if (cached) return cached;
    const key = saltKey(keyPrefix, day);
    await redis.set(key, randomBytes(32).toString('base64url'), 'PX', 2 * 86_400_000, 'NX');
    const salt = await redis.get(key);
    if (!salt) throw new Error('identity salt missing');
    cache.clear();
    cache.set(day, salt);
    return salt;
  };
}
