/**
 * Fills the partitions' streams the way ingest would (one entry per batch, the events as JSON), through
 * pipelined XADDs, so that the consumer can be timed on a backlog without HTTP in front.
 */
import type Redis from 'ioredis';
import type { CartpulseOptions } from '../src/config.js';
import { partitionKeys, partitionOf } from '../src/keys.js';
import { type BodyShape, storedBatch } from './bodies.js';
import { nthBatch } from './shops.js';

const PIPELINE = 500;

/**
 * Writes `batches` batches cycling through `shapes`; batch n's events happen just before `timeOf(n)`.
 * Returns the number of events written.
 */
export async function fillStreams(
  redis: Redis,
  options: Pick<CartpulseOptions, 'keyPrefix' | 'partitions'>,
  shapes: readonly BodyShape[],
  batches: number,
  timeOf: (n: number) => number,
): Promise<number> {
  let events = 0;
  for (let start = 0; start < batches; start += PIPELINE) {
    const pipeline = redis.pipeline();
    for (let n = start; n < Math.min(batches, start + PIPELINE); n++) {
      const { shape, seq } = nthBatch(shapes, n);
      const batch = storedBatch(shape, seq, timeOf(n));
      const keys = partitionKeys(options.keyPrefix, partitionOf(shape.site, options.partitions));
      const client = batch.client ? ['client', JSON.stringify(batch.client)] : [];
      pipeline.xadd(keys.stream, '*', 'site', batch.site, 'events', JSON.stringify(batch.events), ...client);
      events += batch.events.length;
    }
    await pipeline.exec();
  }
  return events;
}
