/**
 * Section 2, consumer: a backlog of events in batches of 20 (written straight into the streams, as
 * ingest would have), drained by the real aggregation consumer, next to a trivial consumer that reads
 * and acknowledges the same entries without aggregating them.
 */
import { resolveOptions } from '../src/config.js';
import { fillStreams } from './fill.js';
import { withPrivateRedis } from './private-redis.js';
import { BENCH_ADMISSION, type Section, type SectionResult } from './section.js';
import { shopShapes, siteIds } from './shops.js';
import { perSecond, ratio, since } from './stats.js';
import { formatCount, formatRate, formatShare, type Row } from './table.js';
import { timeConsumer } from './time-consumer.js';
import { drainWithoutAggregation } from './trivial-consumer.js';

export const BATCH_EVENTS = 20;
/** Sites the backlog comes from, spread over every partition. */
export const BENCH_SITES = 16;

export const consumerSection: Section = {
  number: 2,
  title: 'Consumer: draining a backlog, aggregation vs read + acknowledge only',
  run: async (ctx): Promise<SectionResult> => {
    const { options: bench } = ctx;
    return withPrivateRedis(async (redis) => {
      const options = resolveOptions({ redisUrl: redis.url, consumerName: 'bench', ...BENCH_ADMISSION });
      const batches = Math.ceil(bench.consumerEvents / BATCH_EVENTS);
      // every visitor sends two batches; event times spread over the last four minutes
      const sites = siteIds(BENCH_SITES, options.partitions);
      const shapes = shopShapes(sites, BATCH_EVENTS, batches / BENCH_SITES / 2, 'c');
      const now = Date.now();
      const filling = performance.now();
      const events = await fillStreams(redis.client, options, shapes, batches, (n) => now - (n % 240) * 1000);
      ctx.log(
        `filled the streams with ${formatCount(events)} events in ${(since(filling) / 1000).toFixed(1)} s`,
      );

      const reading = performance.now();
      const entries = await drainWithoutAggregation(options, 'bench-baseline');
      const baseline = perSecond(entries * BATCH_EVENTS, since(reading));
      ctx.log(`XREADGROUP + XACK only: ${formatRate(baseline)}`);

      const run = await timeConsumer(options, events);
      const measured = perSecond(run.applied + run.duplicates, run.ms);
      ctx.log(
        `aggregation consumer: ${formatRate(measured)} (${run.applied} applied, ${run.duplicates} duplicates)`,
      );
      ctx.figures.set('consumer', measured);
      const rows: Row[] = [
        {
          section: '2 consumer',
          figure: `aggregation consumer, ${formatCount(events)} events in batches of ${BATCH_EVENTS}`,
          value: formatRate(measured),
          baseline: `XREADGROUP + XACK only ${formatRate(baseline)}`,
          ratio: formatShare(ratio(measured, baseline)),
        },
      ];
      const notes = [
        `2 consumer: ${sites.length} sites over ${options.partitions} partitions, a third of the visitors cookieless (sessions derived), readCount ${options.readCount}; the ratio is what aggregation (JSON, deltas, the Lua script) costs over reading and acknowledging.`,
      ];
      return { rows, notes };
    });
  },
};
