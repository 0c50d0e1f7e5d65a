/**
 * Cookieless identity: the visitor is a keyed hash of a secret salt that changes every day, the site,
 * the client IP and the User-Agent. The day is the site's own (its time zone), so that a visitor is one
 * visitor all through the shop's day, and today's visitors are counted exactly. The IP is hashed, never
 * stored; a date's salt is gone once that date has ended everywhere, so yesterday's visitor ids cannot be
 * linked to today's. The salt lives in Redis so that every collector derives the same ids.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { RedisClient } from '../redis/client.js';
import { saltKey } from '../keys.js';
import { localDateOf } from '../windows/local-day.js';

export function anonymousVisitorId(salt: string, site: string, ip: string, userAgent: string): string {
  return `a:${createHmac('sha256', salt).update(`${site}\n${ip}\n${userAgent}`).digest('base64url').slice(0, 22)}`;
}

export const utcDay = (t: number) => new Date(t).toISOString().slice(0, 10);

/**
 * A date's salt lives this long from its first use: from the start of that date in the earliest time
 * zone (UTC+14) to its end in the latest (UTC−12) is 50 hours.
 */
const SALT_TTL_MS = 3 * 86_400_000;

/**
 * The salt of the local date at `now` in `timeZone`, created by whichever collector asks first, cached
 * per process (a few dates at once: sites in different zones are on different dates).
 */
export function dailySalts(redis: RedisClient, keyPrefix: string) {
  const cache = new Map<string, string>();
  return async (now: number, timeZone = 'UTC'): Promise<string> => {
    const day = timeZone === 'UTC' ? utcDay(now) : localDateOf(now, timeZone);
    const cached = cache.get(day);
    if (cached) return cached;
    const key = saltKey(keyPrefix, day);
    await redis.set(key, randomBytes(32).toString('base64url'), 'PX', SALT_TTL_MS, 'NX');
    const salt = await redis.get(key);
    if (!salt) throw new Error('identity salt missing');
    if (cache.size >= 4) cache.clear();
    cache.set(day, salt);
    return salt;
  };
}
