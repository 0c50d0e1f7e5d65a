/** Runs the real aggregation consumer until it has handled a known number of events, and times it. */
import type { CartpulseOptions } from '../src/config.js';
import { startConsumer } from '../src/consumer/consumer.js';

export interface ConsumerRun {
  /** From start (connections included) until the last of the events was applied. */
  ms: number;
  applied: number;
  duplicates: number;
}

export interface TimedConsumer {
  /** Resolves once `events` events were applied (or found to be duplicates); rejects after the timeout. */
  drained: Promise<ConsumerRun>;
  stop(): Promise<void>;
}

export async function startTimedConsumer(
  options: CartpulseOptions,
  events: number,
  timeoutMs = 300_000,
): Promise<TimedConsumer> {
  let applied = 0;
  let duplicates = 0;
  let settle: (error?: Error) => void = () => {};
  const started = performance.now();
  const drained = new Promise<ConsumerRun>((resolve, reject) => {
    settle = (error) =>
      error ? reject(error) : resolve({ ms: performance.now() - started, applied, duplicates });
  });
  const timer = setTimeout(
    () =>
      settle(
        new Error(`the consumer handled ${applied + duplicates} of ${events} events in ${timeoutMs} ms`),
      ),
    timeoutMs,
  );
  const consumer = await startConsumer(options, {
    onBatch: (batch) => {
      applied += batch.applied;
      duplicates += batch.duplicates;
      if (applied + duplicates >= events) settle();
    },
  });
  drained.finally(() => clearTimeout(timer)).catch(() => {});
  return { drained, stop: () => consumer.stop() };
}

/** Starts the consumer, waits for it to handle `events` events, stops it. */
export async function timeConsumer(options: CartpulseOptions, events: number): Promise<ConsumerRun> {
  const consumer = await startTimedConsumer(options, events);
  try {
    return await consumer.drained;
  } finally {
    await consumer.stop();
  }
}
