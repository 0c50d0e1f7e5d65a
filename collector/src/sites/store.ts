/**
 * The site registry in Redis: one hash `<prefix>:{registry}:sites` (site id → JSON of the `Site`) and a
 * version counter `<prefix>:{registry}:version`, bumped by every change, so that collectors re-read the hash only
 * when something changed. Outside the partitions, under one hash tag
 * of its own (one Redis Cluster slot, so a change and its version bump go in one MULTI): it is small,
 * read rarely, and written by people.
 */
import type { RedisClient } from '../redis/client.js';
import type { Site } from './schema.js';

export const registryKey = (keyPrefix: string) => `${keyPrefix}:{registry}:sites`;
export const registryVersionKey = (keyPrefix: string) => `${keyPrefix}:{registry}:version`;

export interface RegistryStore {
  /** Stores a site; true when it was new. */
  put(site: Site): Promise<boolean>;
  /** True when the site was registered. */
  delete(id: string): Promise<boolean>;
  /** Every registered site, read incrementally (HSCAN), so a big registry never blocks Redis. */
  readAll(): Promise<Map<string, Site>>;
  /** Writes sites that Redis lacks (after it lost its data), leaving the ones it has. */
  restore(sites: Iterable<Site>): Promise<number>;
  /** The current version, or null when the counter is missing. */
  version(): Promise<string | null>;
}

function parse(json: string): Site | null {
  try {
    const site = JSON.parse(json) as Site;
    return typeof site?.id === 'string' ? site : null;
  } catch {
    return null;
  }
}

export function registryStore(redis: RedisClient, keyPrefix: string): RegistryStore {
  const key = registryKey(keyPrefix);
  const versionKey = registryVersionKey(keyPrefix);
  return {
    async put(site) {
      const [[error, added], [bumpError]] = (await redis
        .multi()
        .hset(key, site.id, JSON.stringify(site))
        .incr(versionKey)
        .exec()) as [Error | null, number][];
      if (error || bumpError) throw error ?? bumpError;
      return added === 1;
    },
    async delete(id) {
      const [[error, removed]] = (await redis.multi().hdel(key, id).incr(versionKey).exec()) as [
        Error | null,
        number,
      ][];
      if (error) throw error;
      return removed === 1;
    },
    async readAll() {
      const sites = new Map<string, Site>();
      let cursor = '0';
      do {
        const [next, flat] = await redis.hscan(key, cursor, 'COUNT', 1000);
        for (let i = 0; i + 1 < flat.length; i += 2) {
          const site = parse(flat[i + 1]);
          if (site) sites.set(site.id, site);
        }
        cursor = next;
      } while (cursor !== '0');
      return sites;
    },
    async restore(sites) {
      let restored = 0;
      let batch = redis.pipeline();
      let queued = 0;
      const flush = async () => {
        for (const [error, added] of (await batch.exec()) ?? []) {
          if (error) throw error;
          restored += added as number;
        }
        batch = redis.pipeline();
        queued = 0;
      };
      for (const site of sites) {
        batch.hsetnx(key, site.id, JSON.stringify(site));
        if (++queued === 1000) await flush();
      }
      if (queued) await flush();
      if (restored) await redis.incr(versionKey);
      return restored;
    },
    version: () => redis.get(versionKey),
  };
}
