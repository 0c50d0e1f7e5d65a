/**
 * A consumer in a process of its own, as `cartpulse consumer` runs one beside `cartpulse collector`.
 * Options come in over IPC; every applied batch goes back, with the process's CPU time so far.
 */
import { type CartpulseOptions, resolveOptions } from '../src/config.js';
import { startConsumer } from '../src/consumer/consumer.js';

export type ConsumerReport = { ready: true } | { handled: number; cpuMs: number };

const report = (message: ConsumerReport) => process.send?.(message);
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

if (process.send) {
  process.once('message', async (overrides: Partial<CartpulseOptions> & { redisUrl: string }) => {
    const consumer = await startConsumer(resolveOptions(overrides), {
      onBatch: (batch) => report({ handled: batch.applied + batch.duplicates, cpuMs: cpuMs() }),
    });
    report({ ready: true });
    process.once('message', async () => {
      await consumer.stop();
      process.exit(0);
    });
  });
}
