/**
 * A process's Prometheus metrics (docs/operations.md lists them): prom-client's process defaults, the
 * collector's and the consumer's hooks, and gauges read from Redis on each scrape. `cli.ts` starts one per
 * process and hands the hooks to `startCartpulse` / `startConsumer`.
 */
import type { Registry } from 'prom-client';
import type { CartpulseOptions } from '../config.js';
import type { ConsumerHooks } from '../consumer/consumer.js';
import type { CollectorHooks } from '../context.js';
import { allPartitionKeys } from '../keys.js';
import { connectFailFast } from '../redis/connect.js';
import { type Readiness, readiness } from '../redis/readiness.js';
import { collectorMetrics } from './collector.js';
import { consumerMetrics } from './consumer.js';
import { redisGauges } from './redis-gauges.js';
import { createRegistry } from './registry.js';
import type { RenderMetrics } from './route.js';

export interface MetricsParts {
  /** This process runs the collector (HTTP): its metrics, and the active users. */
  collector: boolean;
  /** This process runs an aggregation consumer. */
  consumer: boolean;
}

export interface Metrics {
  registry: Registry;
  /** For `startCartpulse(…, { collector })`: ingest, requests, SSE viewers, and `GET /metrics`. */
  collector: CollectorHooks;
  /** For `startConsumer` or `startCartpulse(…, { consumer })`. */
  consumer: ConsumerHooks;
  render: RenderMetrics;
  /** Redis answers, takes writes and has its setup (for a standalone consumer's `/readyz`). */
  ready(): Promise<Readiness>;
  stop(): Promise<void>;
}

export async function startMetrics(options: CartpulseOptions, parts: MetricsParts): Promise<Metrics> {
  const registry = createRegistry();
  const redis = await connectFailFast(options, { waitMs: 0 });
  const partitions = allPartitionKeys(options.keyPrefix, options.partitions);
  const render: RenderMetrics = async () => ({
    contentType: registry.contentType,
    body: await registry.metrics(),
  });
  const collector: CollectorHooks = parts.collector ? collectorMetrics(registry) : {};
  const consumer: ConsumerHooks = parts.consumer ? consumerMetrics(registry, options.partitions) : {};
  redisGauges(registry, {
    redis,
    partitions,
    group: options.group,
    activeUsers: parts.collector
      ? { settings: options, clock: options.clock, top: options.metricsTopSites }
      : undefined,
  });
  return {
    registry,
    collector: { ...collector, renderMetrics: render },
    consumer,
    render,
    ready: () => readiness(redis, partitions, options.group, options.keyPrefix),
    stop: async () => {
      redis.disconnect();
    },
  };
}
