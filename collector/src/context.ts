/** What every route gets: options, the two Redis connections, and the hooks that metrics plug into. */
import type Redis from 'ioredis';
import type { CartpulseOptions } from './config.js';
import { allPartitionKeys, type PartitionKeys, partitionKeys, partitionOf } from './keys.js';
import { dailySalts } from './identity/visitor.js';
import { readSnapshot, type Snapshot } from './windows/snapshot.js';

/** Observations the collector reports; the metrics module implements them, tests may too. */
export interface CollectorHooks {
  onAccepted?(count: number): void;
  /** `reason` is one of a fixed set: invalid_event, malformed_json, invalid_batch, too_large, origin, bot, unavailable. */
  onRejected?(reason: string, count: number): void;
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
  producer: Redis;
  /** Reads snapshots and health; fails fast too. */
  reader: Redis;
  hooks: CollectorHooks;
  partitions: PartitionKeys[];
  keysFor(site: string): PartitionKeys;
  salt(now: number): Promise<string>;
  snapshot(site: string, at?: number): Promise<Snapshot>;
}

export function createContext(
  options: CartpulseOptions,
  producer: Redis,
  reader: Redis,
  hooks: CollectorHooks = {},
): AppContext {
  return {
    options,
    producer,
    reader,
    hooks,
    partitions: allPartitionKeys(options.keyPrefix, options.partitions),
    keysFor: (site) => partitionKeys(options.keyPrefix, partitionOf(site, options.partitions)),
    salt: dailySalts(producer, options.keyPrefix),
    snapshot: (site, at = options.clock()) => readSnapshot(reader, options, site, at),
  };
}
