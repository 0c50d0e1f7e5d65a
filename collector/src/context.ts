/**
 * What every route gets: options, the two Redis connections, the logger, the site registry, and the
 * hooks that metrics plug into.
 */
import { type AlertStore, alertStore } from './alerts/store.js';
import type { RedisClient } from './redis/client.js';
import type { CartpulseOptions } from './config.js';
import { type RateLimiter, rateLimiter } from './http/rate-limit.js';
import { dailySalts } from './identity/visitor.js';
import { allPartitionKeys, type PartitionKeys, partitionKeys, partitionOf } from './keys.js';
import { type Logger, silentLogger } from './log.js';
import { type Readiness, readiness } from './redis/readiness.js';
import { type RefusedSites, refusedSites } from './sites/refused.js';
import { type SiteRegistry, siteRegistry } from './sites/registry.js';
import { registryStore } from './sites/store.js';
import type { Filter } from './windows/dimensions.js';
import { readSnapshot, type Snapshot } from './windows/snapshot.js';

/** Observations the collector reports; the metrics module implements them, tests may too. */
export interface CollectorHooks {
  onAccepted?(count: number): void;
  /**
   * `reason` is one of a fixed set: invalid_event, malformed_json, invalid_batch, too_large, origin, bot,
   * unavailable, unknown_site, rate_limited, and for orders from the shop's backend unauthorized (no or a
   * wrong server key) and bad_signature (a webhook not signed with the site's secret).
   */
  onRejected?(reason: string, count: number): void;
  /** Events of a site refused by its rate limit (the site label is bounded by the metrics module). */
  onRateLimited?(site: string, count: number): void;
  /** An invalid event's raw JSON was cut to `dlqRawBytes` for the dead-letter stream. */
  onDeadLetterTruncated?(count: number): void;
  onAppend?(seconds: number): void;
  /** A request answered: the matched route pattern (never the raw path), method, status and seconds. */
  onRequest?(route: string, method: string, status: number, seconds: number): void;
  /** A live-stream (SSE) viewer connected. */
  onStreamOpened?(): void;
  /** A live-stream (SSE) viewer went away. */
  onStreamClosed?(): void;
  /** The Prometheus text `GET /metrics` answers; without it that route answers 404. */
  renderMetrics?(): Promise<{ contentType: string; body: string }>;
}

export interface AppContext {
  options: CartpulseOptions;
  /** Writes events; fails fast (no offline queue) so that ingest can answer 503. */
  producer: RedisClient;
  /** Reads snapshots and health; fails fast too. */
  reader: RedisClient;
  hooks: CollectorHooks;
  log: Logger;
  /** This collector's copy of the site registry (in memory; refreshed by the Redis watch). */
  registry: SiteRegistry;
  /** Ids of unregistered sites that sent events, bounded. */
  refused: RefusedSites;
  limiter: RateLimiter;
  /** Why this process must not count (a refused eviction policy), set by the Redis watch; else null. */
  fatal(): string | null;
  readiness(): Promise<Readiness>;
  /** Sites whose windows the consumers just changed (announced over pub/sub; the live hub listens). */
  applied: AppliedSites;
  partitions: PartitionKeys[];
  keysFor(site: string): PartitionKeys;
  /** The cookieless-identity salt of the local date at `now` in `timeZone` (default UTC). */
  salt(now: number, timeZone?: string): Promise<string>;
  /** @param filter only the sessions of one breakdown row */
  snapshot(site: string, at?: number, filter?: Filter): Promise<Snapshot>;
  /** Alert rules and their states (the evaluator runs beside the app: server.ts). */
  alerts: AlertStore;
}

/** A tiny fan-out of "these sites changed" announcements. */
export interface AppliedSites {
  listen(listener: (sites: string[]) => void): () => void;
  announce(sites: string[]): void;
}

function appliedSites(): AppliedSites {
  const listeners = new Set<(sites: string[]) => void>();
  return {
    listen(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    announce(sites) {
      for (const listener of listeners) listener(sites);
    },
  };
}

export function createContext(
  options: CartpulseOptions,
  producer: RedisClient,
  reader: RedisClient,
  hooks: CollectorHooks = {},
  log: Logger = silentLogger,
): AppContext {
  const partitions = allPartitionKeys(options.keyPrefix, options.partitions);
  // sites named in the deprecated CARTPULSE_ALLOWED_ORIGINS were configured, so they are accepted too
  const patterns = [...options.sites, ...Object.keys(options.allowedOrigins)];
  const registry = siteRegistry(registryStore(reader, options.keyPrefix), patterns);
  return {
    options,
    producer,
    reader,
    hooks,
    log,
    registry,
    refused: refusedSites(reader, options.keyPrefix),
    limiter: rateLimiter(),
    fatal: () => null,
    readiness: () => readiness(reader, partitions, options.group, options.keyPrefix),
    applied: appliedSites(),
    partitions,
    keysFor: (site) => partitionKeys(options.keyPrefix, partitionOf(site, options.partitions)),
    salt: dailySalts(producer, options.keyPrefix),
    snapshot: (site, at = options.clock(), filter) =>
      readSnapshot(reader, options, site, at, filter, registry.get(site)?.timezone),
    alerts: alertStore(reader, options.keyPrefix),
  };
}
