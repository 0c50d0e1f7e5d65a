/**
 * Section 3, end to end: the whole pipeline in one process as `npm start` runs it (HTTP → stream →
 * consumer → windows), under as much load as the driver's connections bring, batches of 20 events from
 * several shops. Sustained means: events applied to the windows ÷ the time from the first request until
 * the consumer had applied everything that was accepted.
 */
import { startCartpulse } from '../src/server.js';
import { BATCH_EVENTS, BENCH_SITES } from './consumer.js';
import { expectAccepted, measureThroughput } from './measure-load.js';
import { withPrivateRedis } from './private-redis.js';
import type { Section, SectionResult } from './section.js';
import { shopShapes, siteIds } from './shops.js';
import { perSecond, ratio } from './stats.js';
import { formatCount, formatRate, formatShare, type Row } from './table.js';

/** The aim for sustained end-to-end throughput on a 2-core machine. */
export const END_TO_END_AIM = 100_000;

export const endToEndSection: Section = {
  number: 3,
  title: 'End to end: HTTP → stream → consumer → windows, one process as `npm start` runs it',
  run: async (ctx): Promise<SectionResult> => {
    const { options: bench } = ctx;
    return withPrivateRedis(async (redis) => {
      // what the consumer has handled, and when it handled the first and the latest of the measured events
      const progress = { handled: 0, counting: false, firstAt: 0, lastAt: 0 };
      const cartpulse = await startCartpulse(
        { redisUrl: redis.url, port: 0, host: '127.0.0.1', token: 'bench', consumerName: 'bench' },
        {
          consumer: {
            onBatch: (batch) => {
              progress.handled += batch.applied + batch.duplicates;
              progress.lastAt = performance.now();
              if (progress.counting && !progress.firstAt) progress.firstAt = progress.lastAt;
            },
          },
        },
      );
      try {
        const sites = siteIds(BENCH_SITES, cartpulse.options.partitions);
        const shapes = shopShapes(sites, BATCH_EVENTS, 2_000, 'e');
        for (const shape of shapes.slice(0, 3)) await expectAccepted(cartpulse.url, shape);
        const checks = 3 * BATCH_EVENTS;
        for (let waited = 0; progress.handled < checks && waited < 10_000; waited += 20)
          await new Promise((resolve) => setTimeout(resolve, 20));
        const before = progress.handled;
        progress.counting = true;
        const load = await measureThroughput(cartpulse.url, shapes, bench, {
          durationSeconds: bench.endToEndSeconds,
        });
        const loadEnded = performance.now();
        const accepted = load.raw.acceptedEvents;
        const backlog = accepted - (progress.handled - before);
        for (const deadline = Date.now() + 300_000; progress.handled < before + accepted; ) {
          if (Date.now() > deadline)
            throw new Error(`the consumer did not catch up: ${progress.handled - before} of ${accepted}`);
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        const drainMs = Math.max(0, progress.lastAt - loadEnded);
        const sustained = perSecond(accepted, progress.lastAt - progress.firstAt);
        ctx.log(
          `accepted ${formatRate(load.eventsPerSecond)} over HTTP; ${formatCount(backlog)} events still in the streams when the load stopped, applied ${(drainMs / 1000).toFixed(1)} s later; sustained ${formatRate(sustained)}`,
        );
        const ingestOnly = ctx.figures.get('ingest.20.ids');
        const rows: Row[] = [
          {
            section: '3 end to end',
            figure: `HTTP → windows, batches of ${BATCH_EVENTS}, sustained`,
            value: formatRate(sustained),
            baseline: ingestOnly ? `ingest only (1) ${formatRate(ingestOnly)}` : '',
            ratio: ingestOnly ? formatShare(ratio(sustained, ingestOnly)) : '',
            aim: { text: `≥ ${formatCount(END_TO_END_AIM)} events/s`, met: sustained >= END_TO_END_AIM },
          },
        ];
        const failures = Object.keys(load.failures).length
          ? `; answers other than 202: ${JSON.stringify(load.failures)}`
          : '';
        const notes = [
          `3 end to end: ${formatCount(accepted)} events from ${sites.length} sites (a third cookieless) over ${bench.connections} connections for ${bench.endToEndSeconds} s (+${bench.warmupSeconds} s warm-up); HTTP accepted ${formatRate(load.eventsPerSecond)} while the consumer ran beside it; ${formatCount(Math.max(0, backlog))} events were still queued when the load stopped and were applied ${(drainMs / 1000).toFixed(1)} s later${failures}.`,
        ];
        return { rows, notes };
      } finally {
        await cartpulse.stop();
      }
    });
  },
};
