import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { collectorMetrics, REJECT_REASONS } from './collector.js';
import { consumerMetrics } from './consumer.js';

/** `name{labels} value` lines of an exposition, without comments. */
async function samples(registry: Registry): Promise<Map<string, number>> {
  const lines = (await registry.metrics()).split('\n').filter((line) => line && !line.startsWith('#'));
  return new Map(lines.map((line) => [line.slice(0, line.lastIndexOf(' ')), Number(line.split(' ').pop())]));
}

describe('collector metrics', () => {
  it('counts accepted events, rejects by a bounded reason, and bots apart', async () => {
    const registry = new Registry();
    const hooks = collectorMetrics(registry);
    hooks.onAccepted?.(5);
    hooks.onRejected?.('invalid_event', 2);
    hooks.onRejected?.('bot', 3);
    hooks.onRejected?.('something new', 1);
    hooks.onAppend?.(0.0007);
    const values = await samples(registry);
    expect(values.get('cartpulse_events_accepted_total')).toBe(5);
    expect(values.get('cartpulse_events_rejected_total{reason="invalid_event"}')).toBe(2);
    expect(values.get('cartpulse_events_rejected_total{reason="other"}')).toBe(1);
    expect(values.get('cartpulse_events_rejected_total{reason="bot"}')).toBeUndefined();
    expect(values.get('cartpulse_bot_events_total')).toBe(3);
    expect(values.get('cartpulse_xadd_duration_seconds_count')).toBe(1);
    expect(values.get('cartpulse_xadd_duration_seconds_bucket{le="0.001"}')).toBe(1);
  });

  it('starts every reject reason at 0, so rates and alerts see it before the first reject', async () => {
    const values = await samples(withRegistry(collectorMetrics));
    for (const reason of [...REJECT_REASONS, 'other'])
      expect(values.get(`cartpulse_events_rejected_total{reason="${reason}"}`)).toBe(0);
  });

  it('follows live-stream viewers', async () => {
    const registry = new Registry();
    const hooks = collectorMetrics(registry);
    hooks.onStreamOpened?.();
    hooks.onStreamOpened?.();
    hooks.onStreamClosed?.();
    expect((await samples(registry)).get('cartpulse_sse_clients')).toBe(1);
  });
});

describe('consumer metrics', () => {
  it('counts applied events and duplicates per partition, batch time, dead letters and errors', async () => {
    const registry = new Registry();
    const hooks = consumerMetrics(registry, 4);
    hooks.onBatch?.({ partition: 2, entries: 3, applied: 10, duplicates: 1, tooOld: 0, seconds: 0.004 });
    hooks.onDeadLetter?.({ partition: 3, reason: 'a free-text reason that never becomes a label' });
    hooks.onError?.(new Error('redis away'));
    const values = await samples(registry);
    expect(values.get('cartpulse_consumer_events_processed_total{partition="2"}')).toBe(10);
    expect(values.get('cartpulse_consumer_events_processed_total{partition="0"}')).toBe(0);
    expect(values.get('cartpulse_consumer_duplicates_total{partition="2"}')).toBe(1);
    expect(values.get('cartpulse_consumer_dead_letters_total{partition="3"}')).toBe(1);
    expect(values.get('cartpulse_consumer_errors_total')).toBe(1);
    expect(values.get('cartpulse_consumer_batch_duration_seconds_count')).toBe(1);
    expect([...values.keys()].some((key) => key.includes('free-text'))).toBe(false);
  });
});

function withRegistry(create: (registry: Registry) => unknown): Registry {
  const registry = new Registry();
  create(registry);
  return registry;
}
