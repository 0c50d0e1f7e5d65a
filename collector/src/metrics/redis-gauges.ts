/**
 * Gauges collected from Redis on each scrape (redis-state.ts). Every process that exports them reports the
 * same values, so dashboards aggregate with `max by (partition)`, never `sum`. When Redis does not answer,
 * `cartpulse_redis_up` is 0 and the other gauges have no samples for that scrape; /metrics still answers.
 */
import type { RedisClient } from '../redis/client.js';
import { Gauge, type Registry } from 'prom-client';
import type { PartitionKeys } from '../keys.js';
import { readActiveUsers, readPartitionStates } from './redis-state.js';
import { sharedRun } from './registry.js';

export interface RedisGaugeSource {
  /** A fail-fast connection (redis/connect.ts), so a scrape never waits on a Redis that is away. */
  redis: RedisClient;
  partitions: PartitionKeys[];
  group: string;
  /** Also export active users (the collector does; a standalone consumer does not). */
  activeUsers?: {
    settings: { windows: { activeMs: number }; granularityMs: number };
    clock: () => number;
    /** Sites exported by name (the N with the most active users). */
    top: number;
  };
}

export function redisGauges(registry: Registry, source: RedisGaugeSource): void {
  const gauge = (name: string, help: string, labelNames: string[] = []) =>
    new Gauge({ name, help, labelNames, registers: [registry], collect: () => refresh() });
  const up = gauge('cartpulse_redis_up', 'Whether Redis answered the reads behind the other gauges, 1 or 0.');
  const perPartition = {
    streamEntries: gauge('cartpulse_stream_entries', 'Entries in the event stream (XLEN), by partition.', [
      'partition',
    ]),
    dlqEntries: gauge('cartpulse_dlq_entries', 'Entries in the dead-letter stream (XLEN), by partition.', [
      'partition',
    ]),
    dlqDropped: gauge(
      'cartpulse_dlq_dropped_entries',
      'Dead-letter entries dropped by the cap (CARTPULSE_DLQ_MAX_LENGTH) since the stream was created, by partition.',
      ['partition'],
    ),
    pending: gauge(
      'cartpulse_consumer_pending_entries',
      'Entries delivered to a consumer and not yet acknowledged (XINFO GROUPS pending), by partition.',
      ['partition'],
    ),
    lag: gauge(
      'cartpulse_consumer_lag_entries',
      'Entries not yet delivered to the consumer group (XINFO GROUPS lag), by partition.',
      ['partition'],
    ),
  };
  const users = source.activeUsers && {
    total: gauge('cartpulse_active_users', 'Active users (active-users window) summed over all sites.'),
    sites: gauge('cartpulse_active_sites', 'Sites with at least one active user.'),
    top: gauge(
      'cartpulse_site_active_users',
      'Active users of the sites with the most of them (a bounded top N, CARTPULSE_METRICS_TOP_SITES).',
      ['site'],
    ),
  };
  const all = [up, ...Object.values(perPartition), ...Object.values(users ?? {})];

  const refresh = sharedRun(async () => {
    for (const metric of all) metric.reset();
    try {
      const states = await readPartitionStates(source.redis, source.partitions, source.group);
      for (const state of states) {
        const labels = { partition: String(state.partition) };
        perPartition.streamEntries.set(labels, state.streamEntries);
        perPartition.dlqEntries.set(labels, state.dlqEntries);
        perPartition.dlqDropped.set(labels, state.dlqDropped);
        if (state.pending !== null) perPartition.pending.set(labels, state.pending);
        if (state.lag !== null) perPartition.lag.set(labels, state.lag);
      }
      if (users && source.activeUsers) {
        const { settings, clock, top } = source.activeUsers;
        const active = await readActiveUsers(source.redis, source.partitions, settings, clock(), top);
        users.total.set(active.total);
        users.sites.set(active.sites);
        for (const { site, users: count } of active.top) users.top.set({ site }, count);
      }
      up.set(1);
    } catch {
      for (const metric of all) metric.reset();
      up.set(0);
    }
  });
}
