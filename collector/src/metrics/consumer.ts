/** The aggregation consumer's metrics, as `ConsumerHooks` (consumer/consumer.ts). */
import { Counter, Histogram, type Registry } from 'prom-client';
import type { ConsumerHooks } from '../consumer/consumer.js';

/** Seconds; one Lua call over up to `readCount` stream entries. */
export const BATCH_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** `partitions`: the stream partition count, so that every partition's counters start at 0. */
export function consumerMetrics(registry: Registry, partitions: number): ConsumerHooks {
  const processed = new Counter({
    name: 'cartpulse_consumer_events_processed_total',
    help: 'Events applied to the rolling windows by this consumer, by stream partition.',
    labelNames: ['partition'] as const,
    registers: [registry],
  });
  const duplicates = new Counter({
    name: 'cartpulse_consumer_duplicates_total',
    help: 'Events skipped because an earlier delivery had already been applied, by stream partition.',
    labelNames: ['partition'] as const,
    registers: [registry],
  });
  const deadLetters = new Counter({
    name: 'cartpulse_consumer_dead_letters_total',
    help: 'Stream entries moved to the dead-letter stream after failing every attempt, by partition.',
    labelNames: ['partition'] as const,
    registers: [registry],
  });
  const errors = new Counter({
    name: 'cartpulse_consumer_errors_total',
    help: 'Errors the consumer loop recovered from (Redis unreachable, for example).',
    registers: [registry],
  });
  const batchDuration = new Histogram({
    name: 'cartpulse_consumer_batch_duration_seconds',
    help: 'Time to apply one batch of stream entries to the windows (one atomic Lua call, with XACK).',
    buckets: BATCH_BUCKETS,
    registers: [registry],
  });
  for (let partition = 0; partition < partitions; partition++) {
    const labels = { partition: String(partition) };
    for (const counter of [processed, duplicates, deadLetters]) counter.inc(labels, 0);
  }

  return {
    onBatch: ({ partition, applied, duplicates: skipped, seconds }) => {
      const labels = { partition: String(partition) };
      processed.inc(labels, applied);
      duplicates.inc(labels, skipped);
      batchDuration.observe(seconds);
    },
    onDeadLetter: ({ partition }) => deadLetters.inc({ partition: String(partition) }),
    onError: () => errors.inc(),
  };
}
