/**
 * Section 10, what the breakdowns cost: the same backlog drained by the real consumer with
 * `CARTPULSE_BREAKDOWNS` on and then off, each in a fresh Redis: events/s, redis-server CPU per event
 * (INFO cpu around the drain) and Redis memory per event once the streams are trimmed. The backlog's
 * visitors land from several sources and campaigns, in several countries and on several devices.
 */
import { resolveOptions } from '../src/config.js';
import { allPartitionKeys } from '../src/keys.js';
import { BATCH_EVENTS, BENCH_SITES } from './consumer.js';
import { runPipeline } from './end-to-end.js';
import { fillStreams } from './fill.js';
import { redisCpuSeconds, usedMemory, withPrivateRedis } from './private-redis.js';
import { BENCH_ADMISSION, type Section, type SectionResult } from './section.js';
import { shopShapes, siteIds } from './shops.js';
import { perSecond, ratio } from './stats.js';
import { formatCount, formatMicros, formatRate, formatTimes, type Row } from './table.js';
import { startTimedConsumer } from './time-consumer.js';

interface Drain {
  eventsPerSecond: number;
  redisMicrosPerEvent: number;
  bytesPerEvent: number;
}

async function drain(events: number, breakdowns: boolean): Promise<Drain> {
  return withPrivateRedis(async (redis) => {
    const options = resolveOptions({
      redisUrl: redis.url,
      consumerName: 'bench',
      breakdowns,
      ...BENCH_ADMISSION,
    });
    const empty = await usedMemory(redis.client);
    const batches = Math.ceil(events / BATCH_EVENTS);
    const sites = siteIds(BENCH_SITES, options.partitions);
    const shapes = shopShapes(sites, BATCH_EVENTS, batches / BENCH_SITES / 2, breakdowns ? 'b' : 'n');
    const now = Date.now();
    const filled = await fillStreams(redis.client, options, shapes, batches, (n) => now - (n % 240) * 1000);
    const cpuBefore = await redisCpuSeconds(redis.client);
    const consumer = await startTimedConsumer(options, filled);
    try {
      const run = await consumer.drained;
      const cpu = (await redisCpuSeconds(redis.client)) - cpuBefore;
      // the consumer trims every second: wait until the streams are (almost) empty
      const streams = allPartitionKeys(options.keyPrefix, options.partitions).map((keys) => keys.stream);
      for (const deadline = Date.now() + 15_000; Date.now() < deadline; ) {
        const lengths = await Promise.all(streams.map((stream) => redis.client.xlen(stream)));
        if (lengths.reduce((sum, n) => sum + n, 0) <= options.partitions * 100) break;
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
      return {
        eventsPerSecond: perSecond(run.applied + run.duplicates, run.ms),
        redisMicrosPerEvent: (cpu * 1e6) / filled,
        bytesPerEvent: ((await usedMemory(redis.client)) - empty) / filled,
      };
    } finally {
      await consumer.stop();
    }
  });
}

export const breakdownsSection: Section = {
  number: 10,
  title: 'Breakdowns: the consumer with channel, source, country… breakdowns and filters on, and off',
  run: async (ctx): Promise<SectionResult> => {
    const events = ctx.options.breakdownEvents;
    const on = await drain(events, true);
    ctx.log(
      `on: ${formatRate(on.eventsPerSecond)}, redis-server ${formatMicros(on.redisMicrosPerEvent)}/event, ${on.bytesPerEvent.toFixed(0)} B/event`,
    );
    const off = await drain(events, false);
    ctx.log(
      `off: ${formatRate(off.eventsPerSecond)}, redis-server ${formatMicros(off.redisMicrosPerEvent)}/event, ${off.bytesPerEvent.toFixed(0)} B/event`,
    );
    // end to end as npm start runs it, HTTP included, so the ingest's attribution is in the figures too
    const pipeline = async (breakdowns: boolean) =>
      withPrivateRedis((redis) =>
        runPipeline(ctx, redis, false, `one process, breakdowns ${breakdowns ? 'on' : 'off'}`, {
          breakdowns,
        }),
      );
    const wholeOn = await pipeline(true);
    const wholeOff = await pipeline(false);
    const section = '10 breakdowns';
    const rows: Row[] = [
      {
        section,
        figure: 'HTTP → windows, batches of 20, one process, breakdowns on',
        value: `${formatRate(wholeOn.sustained)} sustained`,
        baseline: `off ${formatRate(wholeOff.sustained)}`,
        ratio: formatTimes(ratio(wholeOn.sustained, wholeOff.sustained)),
      },
      {
        section,
        figure: 'redis-server CPU per event end to end, breakdowns on',
        value: formatMicros(wholeOn.perEvent.redis[0]),
        baseline: `off ${formatMicros(wholeOff.perEvent.redis[0])}`,
        ratio: formatTimes(ratio(wholeOn.perEvent.redis[0], wholeOff.perEvent.redis[0])),
      },
      {
        section,
        figure: 'collector CPU per event end to end, breakdowns on',
        value: formatMicros(wholeOn.perEvent.collector),
        baseline: `off ${formatMicros(wholeOff.perEvent.collector)}`,
        ratio: formatTimes(ratio(wholeOn.perEvent.collector, wholeOff.perEvent.collector)),
      },
      {
        section,
        figure: `consumer, ${formatCount(events)} events, breakdowns on`,
        value: formatRate(on.eventsPerSecond),
        baseline: `off ${formatRate(off.eventsPerSecond)}`,
        ratio: formatTimes(ratio(on.eventsPerSecond, off.eventsPerSecond)),
      },
      {
        section,
        figure: 'redis-server CPU per event applied, breakdowns on',
        value: formatMicros(on.redisMicrosPerEvent),
        baseline: `off ${formatMicros(off.redisMicrosPerEvent)}`,
        ratio: formatTimes(ratio(on.redisMicrosPerEvent, off.redisMicrosPerEvent)),
      },
      {
        section,
        figure: 'Redis memory per event after consumption, breakdowns on',
        value: `${on.bytesPerEvent.toFixed(0)} B/event`,
        baseline: `off ${off.bytesPerEvent.toFixed(0)} B/event`,
        ratio: formatTimes(ratio(on.bytesPerEvent, off.bytesPerEvent)),
      },
    ];
    const notes = [
      `10 breakdowns: the consumer figures drain a backlog (large calls); end to end, calls are small and each costs a fixed amount per segment it touches. ${BENCH_SITES} sites, batches of ${BATCH_EVENTS}, a third of the visitors cookieless; visitors land from 8 sources (search, social, email and paid campaigns, referrals, direct) from 6 networks in 4 countries on 4 devices; each mode in a fresh Redis. With breakdowns on, each session is also counted in one segment per dimension (the filtered view's windows), which is where the extra writes and memory go.`,
    ];
    return { rows, notes };
  },
};
