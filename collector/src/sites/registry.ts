/**
 * Each collector's copy of the site registry: the ingest hot path asks it, in memory, whether a site
 * may send events and with which origins and rate limit, and `/ingest/orders` which site a server key
 * opens (by its SHA-256); neither pays a Redis read per request. The
 * copy is refreshed when the registry's version changes (`refresh`, called by the setup watch every
 * `registryRefreshMs`) and written back when Redis comes back without its data (`restore`), so a site
 * registered a minute ago is never refused because Redis restarted empty.
 */
import type { SiteQuery } from '@cartpulse/protocol';
import {
  listedKey,
  type NewServerKey,
  newServerKey,
  type ServerKey,
  type StoredServerKey,
  serverKeyDigest,
} from './keys.js';
import { compileSitePatterns } from './patterns.js';
import type { Site } from './schema.js';
import type { RegistryStore } from './store.js';

/** The query of `GET /api/sites`: the protocol's `SiteQuery`. */
export type SiteListQuery = SiteQuery;

export interface SitePage {
  sites: Site[];
  /** Sites matching `q`, on every page. */
  total: number;
  /** Cursor of the next page, or null on the last. */
  next: string | null;
}

export interface SiteRegistry {
  /** True once the registry was read from Redis at least once; until then ingest answers 503, not 404. */
  readonly loaded: boolean;
  /** A registered site. */
  get(id: string): Site | undefined;
  /** Registered, matched by `CARTPULSE_SITES`, or named in the deprecated `CARTPULSE_ALLOWED_ORIGINS`. */
  accepts(id: string): boolean;
  /** Registered sites sorted by id, a page at a time. */
  list(query?: SiteListQuery): SitePage;
  /** Registers or replaces a site; true when it was new. */
  put(site: Site): Promise<boolean>;
  remove(id: string): Promise<boolean>;
  /**
   * The server key a bearer token is, from this copy (a key revoked through another collector stops
   * working here at the next refresh, within `registryRefreshMs`).
   */
  serverKey(token: string): StoredServerKey | undefined;
  /** A new server key for a site; the answer is the only place the key ever appears. */
  createKey(site: string, now: number): Promise<NewServerKey>;
  /** True when the site had that key. */
  revokeKey(site: string, id: string): Promise<boolean>;
  /** A site's keys, oldest first, read from Redis. */
  listKeys(site: string): Promise<ServerKey[]>;
  /** Re-reads Redis when its version moved. */
  refresh(): Promise<void>;
  /** After Redis lost its data: writes back every site this copy knows, then reads the merged registry. */
  restore(): Promise<number>;
}

export function siteRegistry(store: RegistryStore, patterns: readonly string[]): SiteRegistry {
  const pattern = compileSitePatterns(patterns);
  let sites = new Map<string, Site>();
  /** Server keys by the SHA-256 of the key. */
  let keys = new Map<string, StoredServerKey>();
  let sorted: Site[] | null = null;
  let version: string | null | undefined;
  let loaded = false;

  const replace = (
    next: Map<string, Site>,
    nextKeys: Map<string, StoredServerKey>,
    nextVersion: string | null,
  ) => {
    sites = next;
    keys = new Map([...nextKeys.values()].map((key) => [key.sha256, key]));
    sorted = null;
    version = nextVersion;
    loaded = true;
  };
  const ordered = () => {
    sorted ??= [...sites.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return sorted;
  };
  const reload = async () => {
    // the version first: a change landing during the scan bumps it again, and the next refresh re-reads
    const nextVersion = await store.version();
    replace(await store.readAll(), await store.readKeys(), nextVersion);
  };

  return {
    get loaded() {
      return loaded;
    },
    get: (id) => sites.get(id),
    accepts: (id) => sites.has(id) || pattern(id),
    list({ q, cursor, limit = 100 } = {}) {
      const needle = q?.trim().toLowerCase();
      const matching = needle
        ? ordered().filter(
            (s) => s.id.toLowerCase().includes(needle) || s.name.toLowerCase().includes(needle),
          )
        : ordered();
      let start = 0;
      if (cursor !== undefined) {
        // first id after the cursor (binary search: pages stay cheap with 100,000 sites)
        let lo = 0;
        let hi = matching.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (matching[mid].id <= cursor) lo = mid + 1;
          else hi = mid;
        }
        start = lo;
      }
      const page = matching.slice(start, start + limit);
      const next = start + limit < matching.length ? page[page.length - 1].id : null;
      return { sites: page, total: matching.length, next };
    },
    async put(site) {
      const created = await store.put(site);
      sites.set(site.id, site);
      sorted = null;
      return created;
    },
    async remove(id) {
      const removed = await store.delete(id);
      sites.delete(id);
      for (const [digest, key] of keys) if (key.site === id) keys.delete(digest);
      sorted = null;
      return removed;
    },
    serverKey: (token) => keys.get(serverKeyDigest(token)),
    async createKey(site, now) {
      const { stored, answer } = newServerKey(site, now);
      await store.putKey(stored);
      keys.set(stored.sha256, stored);
      return answer;
    },
    async revokeKey(site, id) {
      const revoked = await store.deleteKey(site, id);
      for (const [digest, key] of keys) if (key.id === id && key.site === site) keys.delete(digest);
      return revoked;
    },
    async listKeys(site) {
      return [...(await store.readKeys()).values()]
        .filter((key) => key.site === site)
        .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
        .map(listedKey);
    },
    async refresh() {
      if (loaded && (await store.version()) === version) return;
      await reload();
    },
    async restore() {
      const restored = await store.restore(sites.values(), keys.values());
      await reload();
      return restored;
    },
  };
}
