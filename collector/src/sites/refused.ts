/**
 * Site ids that sent events without being registered, so the dashboard can say "events for `my-shop`
 * were refused: register it". Bounded everywhere: each collector counts in memory (at most
 * `REFUSED_KEPT` ids between flushes) and flushes every few seconds into two sorted sets, trimmed to the
 * `REFUSED_KEPT` most recent ids: `<prefix>:{registry}:refused` (id → last refusal, epoch ms)
 * and `<prefix>:{registry}:refused:events` (id → events refused). 100,000 random ids cost the same as 100.
 */
import type { RefusedSite } from '@cartpulse/protocol';
import type { RedisClient } from '../redis/client.js';

export const REFUSED_KEPT = 100;

export const refusedKey = (keyPrefix: string) => `${keyPrefix}:{registry}:refused`;
export const refusedEventsKey = (keyPrefix: string) => `${keyPrefix}:{registry}:refused:events`;

/** What `GET /api/sites/refused` lists: the protocol's type, kept and answered as it is. */
export type { RefusedSite };

export interface RefusedSites {
  note(site: string, events: number, at: number): void;
  /** Writes what was noted since the last flush. */
  flush(): Promise<void>;
  /** The most recently refused ids, newest first. */
  read(): Promise<RefusedSite[]>;
  /** Forgets an id (it was registered or removed). */
  forget(site: string): Promise<void>;
}

export function refusedSites(redis: RedisClient, keyPrefix: string): RefusedSites {
  const lastKey = refusedKey(keyPrefix);
  const eventsKey = refusedEventsKey(keyPrefix);
  let pending = new Map<string, RefusedSite>();
  return {
    note(site, events, at) {
      const seen = pending.get(site);
      if (seen) {
        seen.events += events;
        seen.lastAt = at;
      } else if (pending.size < REFUSED_KEPT) pending.set(site, { site, events, lastAt: at });
    },
    async flush() {
      if (pending.size === 0) return;
      const batch = [...pending.values()];
      pending = new Map();
      const multi = redis.multi();
      for (const { site, events, lastAt } of batch) {
        multi.zadd(lastKey, 'GT', lastAt, site);
        multi.zincrby(eventsKey, events, site);
      }
      multi.zremrangebyrank(lastKey, 0, -REFUSED_KEPT - 1);
      // the counts keep the same ids as the times: drop counts whose id fell out of the times
      multi.zinterstore(eventsKey, 2, eventsKey, lastKey, 'WEIGHTS', 1, 0);
      const results = await multi.exec();
      const failed = results?.find(([error]) => error);
      if (failed) throw failed[0];
    },
    async read() {
      const [[, latest], [, counts]] = (await redis
        .multi()
        .zrange(lastKey, 0, -1, 'REV', 'WITHSCORES')
        .zrange(eventsKey, 0, -1, 'WITHSCORES')
        .exec()) as [Error | null, string[]][];
      const events = new Map<string, number>();
      for (let i = 0; i + 1 < counts.length; i += 2) events.set(counts[i], Number(counts[i + 1]));
      const sites: RefusedSite[] = [];
      for (let i = 0; i + 1 < latest.length; i += 2)
        sites.push({ site: latest[i], events: events.get(latest[i]) ?? 0, lastAt: Number(latest[i + 1]) });
      return sites;
    },
    async forget(site) {
      pending.delete(site);
      await redis.multi().zrem(lastKey, site).zrem(eventsKey, site).exec();
    },
  };
}
