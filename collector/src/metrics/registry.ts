/**
 * One Prometheus registry per process, with prom-client's process and Node.js metrics (`process_*`,
 * `nodejs_*`). Never prom-client's global registry: tests run several collectors in one process.
 */
import { collectDefaultMetrics, Registry } from 'prom-client';

export function createRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}

/**
 * Wraps a read so that concurrent callers share one run: prom-client collects every metric of a scrape
 * at once, and the gauges read from Redis should cost one round of commands per scrape, not one each.
 */
export function sharedRun<T>(run: () => Promise<T>): () => Promise<T> {
  let inFlight: Promise<T> | null = null;
  return () => {
    inFlight ??= run().finally(() => {
      inFlight = null;
    });
    return inFlight;
  };
}
