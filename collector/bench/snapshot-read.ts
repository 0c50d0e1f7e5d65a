/**
 * Section 6, snapshot reads: p50/p99 of `readSnapshot` (what GET /api/realtime and the live stream run)
 * for a site with many active visitors and events in its windows, next to a Redis PING round trip, and
 * for a site with 1,000 events, to show that reads do not grow with the event volume. The windows are
 * filled through the consumer's own apply path (applyBatches), without streams, for speed.
 */
import Redis from 'ioredis';
import { type CartpulseOptions, resolveOptions } from '../src/config.js';
import { applyBatches, type StreamBatch } from '../src/consumer/apply.js';
import { partitionKeys, partitionOf } from '../src/keys.js';
import { readSnapshot } from '../src/windows/snapshot.js';
import { storedBatch } from './bodies.js';
import { withPrivateRedis } from './private-redis.js';
import { BENCH_ADMISSION, type Section, type SectionResult } from './section.js';
import { nthBatch, shopShapes } from './shops.js';
import { percentile, ratio } from './stats.js';
import { formatCount, formatMs, formatTimes, type Row } from './table.js';

/** The aim for the large site's p99 read. */
export const SNAPSHOT_AIM_MS = 5;
/** The aim for the large site's p99 read of the view filtered by one breakdown row. */
export const FILTERED_AIM_MS = 10;
/** Entries per applyBatches call, as the consumer reads them. */
const ENTRIES_PER_CALL = 200;

/** Applies `visitors` visitors' worth of `events` events to one site's windows; times spread over the minute before each call. */
async function fillSite(
  redis: Redis,
  options: CartpulseOptions,
  site: string,
  visitors: number,
  events: number,
) {
  const perBatch = Math.max(1, Math.round(events / visitors));
  const shapes = shopShapes([site], perBatch, visitors, site);
  const keys = partitionKeys(options.keyPrefix, partitionOf(site, options.partitions));
  let applied = 0;
  for (let start = 0; start < visitors; start += ENTRIES_PER_CALL) {
    // times relative to each call, so that a slow fill keeps every visitor inside the active window
    const now = Date.now();
    const batches: StreamBatch[] = [];
    for (let n = start; n < Math.min(visitors, start + ENTRIES_PER_CALL); n++) {
      const { shape, seq } = nthBatch(shapes, n);
      batches.push({ entryId: `1-${n + 1}`, ...storedBatch(shape, seq, now - (n % 60) * 1000) });
    }
    const result = await applyBatches(redis, keys, options.group, batches, Date.now(), options);
    applied += result.applied;
  }
  return applied;
}

interface Timings {
  p50: number;
  p99: number;
}

const describe = ({ p50, p99 }: Timings) => `p50 ${formatMs(p50)} · p99 ${formatMs(p99)}`;

export const snapshotSection: Section = {
  number: 6,
  title: 'Snapshot reads: many active visitors and events vs few, next to a PING round trip',
  run: async (ctx): Promise<SectionResult> => {
    const { options: bench } = ctx;
    return withPrivateRedis(async (redis) => {
      const options = resolveOptions({ redisUrl: redis.url, consumerName: 'bench', ...BENCH_ADMISSION });
      const large = 'large-shop';
      const small = 'small-shop';
      const largeEvents = await fillSite(
        redis.client,
        options,
        large,
        bench.snapshotVisitors,
        bench.snapshotEvents,
      );
      const smallEvents = await fillSite(redis.client, options, small, 100, 1_000);
      const reader = new Redis(redis.url);
      try {
        const check = await readSnapshot(reader, options, large, Date.now());
        ctx.log(
          `${large}: ${formatCount(largeEvents)} events applied, activeUsers ${check.activeUsers}, pageviews ${check.pageviews}`,
        );
        if (check.activeUsers !== bench.snapshotVisitors)
          throw new Error(
            `expected ${bench.snapshotVisitors} active visitors, the snapshot has ${check.activeUsers}`,
          );
        const top = check.breakdowns.channel[0];
        if (!top) throw new Error('the large site has no channel breakdown');
        const filter = { dimension: 'channel' as const, value: top.value };
        ctx.log(`filtered by channel ${top.value}: ${top.visitors} visitors in the breakdown`);

        // interleaved, so that noise from the rest of the machine falls on all three alike
        const samples = {
          ping: [] as number[],
          large: [] as number[],
          filtered: [] as number[],
          small: [] as number[],
        };
        const time = async (into: number[], read: () => Promise<unknown>) => {
          const started = performance.now();
          await read();
          into.push(performance.now() - started);
        };
        const warmup = 100;
        for (let i = 0; i < warmup + bench.snapshotReads; i++) {
          const keep = i >= warmup;
          await time(keep ? samples.ping : [], () => reader.ping());
          await time(keep ? samples.large : [], () => readSnapshot(reader, options, large, Date.now()));
          await time(keep ? samples.filtered : [], () =>
            readSnapshot(reader, options, large, Date.now(), filter),
          );
          await time(keep ? samples.small : [], () => readSnapshot(reader, options, small, Date.now()));
        }
        const timings = (list: number[]): Timings => ({
          p50: percentile(list, 50),
          p99: percentile(list, 99),
        });
        const ping = timings(samples.ping);
        const largeReads = timings(samples.large);
        const smallReads = timings(samples.small);
        const filteredReads = timings(samples.filtered);
        ctx.log(
          `PING ${describe(ping)}; ${large} ${describe(largeReads)}, filtered ${describe(filteredReads)}; ${small} ${describe(smallReads)}`,
        );
        ctx.figures.set('snapshot.p99', largeReads.p99);
        const rows: Row[] = [
          {
            section: '6 snapshot',
            figure: `read with breakdowns, ${formatCount(bench.snapshotVisitors)} active visitors, ${formatCount(largeEvents)} events`,
            value: describe(largeReads),
            baseline: `PING ${describe(ping)}`,
            ratio: `${formatTimes(ratio(largeReads.p99, ping.p99))} (p99)`,
            aim: { text: `p99 < ${SNAPSHOT_AIM_MS} ms`, met: largeReads.p99 < SNAPSHOT_AIM_MS },
          },
          {
            section: '6 snapshot',
            figure: `read filtered by one channel (${formatCount(top.visitors)} visitors), same site`,
            value: describe(filteredReads),
            baseline: `PING ${describe(ping)}`,
            ratio: `${formatTimes(ratio(filteredReads.p99, ping.p99))} (p99)`,
            aim: { text: `p99 < ${FILTERED_AIM_MS} ms`, met: filteredReads.p99 < FILTERED_AIM_MS },
          },
          {
            section: '6 snapshot',
            figure: `read, ${formatCount(largeEvents)} vs ${formatCount(smallEvents)} events in the window`,
            value: describe(largeReads),
            baseline: `${formatCount(smallEvents)} events ${describe(smallReads)}`,
            ratio: `${formatTimes(ratio(largeReads.p50, smallReads.p50))} (p50)`,
          },
        ];
        const notes = [
          `6 snapshot: ${bench.snapshotReads} reads of each, interleaved with PINGs on one connection, after ${warmup} warm-up rounds; the windows were filled with applyBatches (the consumer's apply path), times spread over the minute before each call.`,
        ];
        return { rows, notes };
      } finally {
        reader.disconnect();
      }
    });
  },
};
