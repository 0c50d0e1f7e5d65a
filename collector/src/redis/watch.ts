/**
 * The collector's watch over Redis, one round every `registryRefreshMs`: checks the eviction policy once
 * Redis first answers, runs setup again when the setup marker is gone (Redis restarted empty, was flushed,
 * or failed over to an empty replica: consumer groups at `0`, the registry written back from this
 * collector's copy, then the marker), otherwise re-reads the registry when its version moved, and
 * flushes the refused-site counts.
 */
import type { RedisClient } from './client.js';
import type { PartitionKeys } from '../keys.js';
import type { Logger } from '../log.js';
import type { RefusedSites } from '../sites/refused.js';
import type { SiteRegistry } from '../sites/registry.js';
import { describeUnavailable, isRedisUnavailable } from './errors.js';
import {
  checkEvictionPolicy,
  checkExistingPartitions,
  checkMarker,
  FatalSetupError,
  runSetup,
  setupMarkerKey,
} from './setup.js';

export interface RedisWatchOptions {
  redis: RedisClient;
  partitions: PartitionKeys[];
  group: string;
  keyPrefix: string;
  allowEviction: boolean;
  intervalMs: number;
  registry: SiteRegistry;
  refused: RefusedSites;
  log: Logger;
  /** The eviction policy is wrong: the process must not count (the CLI exits). */
  onFatal(error: FatalSetupError): void;
}

export interface RedisWatch {
  /** One round now; rejects with FatalSetupError, and with other errors than Redis being away. */
  check(): Promise<void>;
  /** Why this collector cannot count right now (eviction policy refused), or null. */
  readonly fatal: string | null;
  stop(): void;
}

export function watchRedis(options: RedisWatchOptions): RedisWatch {
  const { redis, registry, log } = options;
  let policyChecked = false;
  let fatal: string | null = null;
  let setupDone = false;
  let away = false;

  async function round() {
    if (fatal) return;
    if (!policyChecked) {
      const policy = await checkEvictionPolicy(redis, options.allowEviction);
      if (!policy.ok) log.warn(policy.warning);
      policyChecked = true;
    }
    const marker = await redis.get(setupMarkerKey(options.keyPrefix));
    if (marker !== null) {
      checkMarker(marker, options.partitions.length);
      await registry.refresh();
    } else {
      await checkExistingPartitions(redis, options.keyPrefix, options.partitions.length);
      if (setupDone || registry.loaded)
        log.warn(
          'Redis has lost its data (its setup marker is gone): creating the consumer groups again and writing back the site registry',
        );
      await runSetup(redis, options.partitions, options.group, options.keyPrefix, async () => {
        const restored = await registry.restore();
        if (restored) log.warn({ sites: restored }, `wrote ${restored} registered sites back to Redis`);
      });
    }
    setupDone = true;
    await options.refused.flush();
  }

  async function check() {
    try {
      await round();
      away = false;
    } catch (error) {
      if (error instanceof FatalSetupError) {
        fatal = error.message;
        throw error;
      }
      if (!isRedisUnavailable(error)) throw error;
      if (!away) log.debug({ err: error }, `watch: ${describeUnavailable(error)}`);
      away = true;
    }
  }

  let running = true;
  let timer: NodeJS.Timeout | undefined;
  const loop = () => {
    if (!running) return;
    timer = setTimeout(async () => {
      try {
        await check();
      } catch (error) {
        if (error instanceof FatalSetupError) {
          log.fatal(error.message);
          options.onFatal(error);
          return;
        }
        log.error({ err: error }, 'watch over Redis failed');
      }
      loop();
    }, options.intervalMs);
    timer.unref();
  };
  loop();

  return {
    check,
    get fatal() {
      return fatal;
    },
    stop() {
      running = false;
      clearTimeout(timer);
    },
  };
}
