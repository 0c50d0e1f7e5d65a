/**
 * The site registry in Redis: one hash `<prefix>:{registry}:sites` (site id → JSON of the `Site`), the
 * sites' server keys `<prefix>:{registry}:serverkeys` (key id → JSON, `keys.ts`) and a version counter
 * `<prefix>:{registry}:version`, bumped by every change, so that collectors re-read the hashes only when
 * something changed. Outside the partitions, under one hash tag of its own (one Redis Cluster slot, so a
 * change and its version bump go in one MULTI): it is small, read rarely, and written by people.
 */
import type { RedisClient } from '../redis/client.js';
import { parseStoredKey, type StoredServerKey, serverKeysKey } from './keys.js';
import type { Site } from './schema.js';

export const registryKey = (keyPrefix: string) => `${keyPrefix}:{registry}:sites`;
export const registryVersionKey = (keyPrefix: string) => `${keyPrefix}:{registry}:version`;

export interface RegistryStore {
  /** Stores a site; true when it was new. */
  put(site: Site): Promise<boolean>;
  /** Removes a site and its server keys; true when the site was registered. */
  delete(id: string): Promise<boolean>;
  /** Every registered site, read incrementally (HSCAN), so a big registry never blocks Redis. */
  readAll(): Promise<Map<string, Site>>;
  /** Writes sites and keys that Redis lacks (after it lost its data), leaving the ones it has. */
  restore(sites: Iterable<Site>, keys?: Iterable<StoredServerKey>): Promise<number>;
  /** The current version, or null when the counter is missing. */
  version(): Promise<string | null>;
  putKey(key: StoredServerKey): Promise<void>;
  /** True when the key existed and was the site's. */
  deleteKey(site: string, id: string): Promise<boolean>;
  /** Every server key of every site, by key id. */
  readKeys(): Promise<Map<string, StoredServerKey>>;
}

function parse(json: string): Site | null {
  try {
    const site = JSON.parse(json) as Site;
    return typeof site?.id === 'string' ? site : null;
  } catch {
    return null;
  }
}

async function scanHash<T extends { id: string }>(
  redis: RedisClient,
  key: string,
  parseOne: (json: string) => T | null,
): Promise<Map<string, T>> {
  const found = new Map<string, T>();
  let cursor = '0';
  do {
    const [next, flat] = await redis.hscan(key, cursor, 'COUNT', 1000);
    for (let i = 0; i + 1 < flat.length; i += 2) {
      const value = parseOne(flat[i + 1]);
      if (value) found.set(value.id, value);
    }
    cursor = next;
  } while (cursor !== '0');
  return found;
}

async function exec(multi: ReturnType<RedisClient['multi']>): Promise<unknown[]> {
  const results = await multi.exec();
  const failed = results?.find(([error]) => error);
  if (!results || failed) throw failed?.[0] ?? new Error('transaction aborted');
  return results.map(([, value]) => value);
}

export function registryStore(redis: RedisClient, keyPrefix: string): RegistryStore {
  const key = registryKey(keyPrefix);
  const keysKey = serverKeysKey(keyPrefix);
  const versionKey = registryVersionKey(keyPrefix);
  const readKeys = () => scanHash(redis, keysKey, parseStoredKey);
  return {
    async put(site) {
      const [added] = await exec(redis.multi().hset(key, site.id, JSON.stringify(site)).incr(versionKey));
      return added === 1;
    },
    async delete(id) {
      const keyIds = [...(await readKeys()).values()].filter((k) => k.site === id).map((k) => k.id);
      const multi = redis.multi().hdel(key, id);
      if (keyIds.length) multi.hdel(keysKey, ...keyIds);
      const [removed] = await exec(multi.incr(versionKey));
      return removed === 1;
    },
    readAll: () => scanHash(redis, key, parse),
    async restore(sites, keys = []) {
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
      for (const serverKey of keys) {
        batch.hsetnx(keysKey, serverKey.id, JSON.stringify(serverKey));
        if (++queued === 1000) await flush();
      }
      if (queued) await flush();
      if (restored) await redis.incr(versionKey);
      return restored;
    },
    version: () => redis.get(versionKey),
    async putKey(serverKey) {
      await exec(redis.multi().hset(keysKey, serverKey.id, JSON.stringify(serverKey)).incr(versionKey));
    },
    async deleteKey(site, id) {
      if (parseStoredKey(await redis.hget(keysKey, id))?.site !== site) return false;
      const [removed] = await exec(redis.multi().hdel(keysKey, id).incr(versionKey));
      return removed === 1;
    },
    readKeys,
  };
}
