/**
 * Section 5, Redis memory: `used_memory` of an empty Redis, then with a backlog of events in the streams,
 * then after the consumer applied them and trimmed the streams; per event, and what dominates.
 */
import type Redis from 'ioredis';
import { resolveOptions } from '../src/config.js';
import { allPartitionKeys } from '../src/keys.js';
import { applyParams } from '../src/windows/params.js';
import { BATCH_EVENTS, BENCH_SITES } from './consumer.js';
import { fillStreams } from './fill.js';
import { memoryByKind } from './key-kinds.js';
import { usedMemory, withPrivateRedis } from './private-redis.js';
import { BENCH_ADMISSION, type Section, type SectionResult } from './section.js';
import { shopShapes, siteIds } from './shops.js';
import { formatBytes, formatCount, type Row } from './table.js';
import { startTimedConsumer } from './time-consumer.js';

/** Total length of the streams (what trimming has left). */
async function streamLength(redis: Redis, streams: string[]): Promise<number> {
  const lengths = await Promise.all(streams.map((stream) => redis.xlen(stream)));
  return lengths.reduce((sum, n) => sum + n, 0);
}

export const memorySection: Section = {
  number: 5,
  title: 'Redis memory: empty, with the events in the streams, after the consumer applied and trimmed them',
  run: async (ctx): Promise<SectionResult> => {
    const { options: bench } = ctx;
    return withPrivateRedis(async (redis) => {
      const options = resolveOptions({ redisUrl: redis.url, consumerName: 'bench', ...BENCH_ADMISSION });
      const empty = await usedMemory(redis.client);
      const batches = Math.ceil(bench.memoryEvents / BATCH_EVENTS);
      const sites = siteIds(BENCH_SITES, options.partitions);
      const shapes = shopShapes(sites, BATCH_EVENTS, batches / BENCH_SITES / 2, 'm');
      const now = Date.now();
      const events = await fillStreams(redis.client, options, shapes, batches, (n) => now - (n % 240) * 1000);
      const filled = await usedMemory(redis.client);
      ctx.log(`${formatCount(events)} events in the streams: used_memory ${formatBytes(filled)}`);

      const streams = allPartitionKeys(options.keyPrefix, options.partitions).map((keys) => keys.stream);
      const consumer = await startTimedConsumer(options, events);
      let left = events;
      try {
        await consumer.drained;
        // the consumer trims every second, by whole stream nodes (XTRIM MINID ~): wait until it has
        const deadline = Date.now() + 15_000;
        for (let previous = -1; Date.now() < deadline; ) {
          left = await streamLength(redis.client, streams);
          if (left === previous && left <= options.partitions * 100) break;
          previous = left;
          await new Promise((resolve) => setTimeout(resolve, 1200));
        }
      } finally {
        await consumer.stop();
      }
      const applied = await usedMemory(redis.client);
      const kinds = await memoryByKind(redis.client);
      ctx.log(`applied and trimmed (${left} entries left): used_memory ${formatBytes(applied)}`);

      const perEvent = (bytes: number) => `${((bytes - empty) / events).toFixed(0)} B/event`;
      const baseline = `empty Redis ${formatBytes(empty)}`;
      const rows: Row[] = [
        {
          section: '5 memory',
          figure: `${formatCount(events)} events in the streams, not yet consumed`,
          value: `${formatBytes(filled)} (${perEvent(filled)})`,
          baseline,
          ratio: '',
        },
        {
          section: '5 memory',
          figure: `same, after the consumer applied them and trimmed the streams`,
          value: `${formatBytes(applied)} (${perEvent(applied)})`,
          baseline,
          ratio: '',
        },
      ];
      const total = kinds.reduce((sum, kind) => sum + kind.bytes, 0);
      const top = kinds
        .slice(0, 4)
        .map(
          (k) =>
            `${k.kind} ${formatBytes(k.bytes)} in ${formatCount(k.keys)} keys (${Math.round((k.bytes / total) * 100)}%)`,
        )
        .join(', ');
      // ids are kept from their event's hour to two hours after it plus the day horizon (params.ts)
      const rememberedMinutes = (applyParams(now, options).seenKeepMs - 30 * 60_000) / 60_000;
      const seen = kinds.find((kind) => kind.kind === 'seen')?.bytes ?? 0;
      const perId = seen / events;
      const notes = [
        `5 memory: after applying, by key kind (MEMORY USAGE): ${top}.`,
        `5 memory: "seen" holds every applied event id (site|id) for duplicate detection, ~${perId.toFixed(0)} B each, for ~${rememberedMinutes} min by design (windows/params.ts): it grows with the event rate, not the visitor count; at a sustained 1,000 events/s it holds ${formatCount(1000 * 60 * rememberedMinutes)} ids, ~${formatBytes(perId * 1000 * 60 * rememberedMinutes)}.`,
      ];
      return { rows, notes };
    });
  },
};
