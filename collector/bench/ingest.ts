/**
 * Section 1, ingest: the collector's `POST /ingest` (consumer off, so only ingest is measured) against a
 * bare node:http server given the same bodies, for batches of 1 and 20 events, with client ids and
 * cookieless. The load comes from a child process over keep-alive connections.
 */
import { startCartpulse } from '../src/server.js';
import { startBareServer } from './bare-server.js';
import type { BodyShape } from './bodies.js';
import { expectAccepted, measureThroughput, type Throughput } from './measure-load.js';
import { withPrivateRedis } from './private-redis.js';
import type { Section, SectionResult } from './section.js';
import { ratio } from './stats.js';
import { formatRate, formatShare, type Row } from './table.js';

/** The aim: the collector keeps at least this share of a bare server's requests/s. */
export const INGEST_AIM = 0.6;

const shapeOf = (events: number, identified: boolean): BodyShape => ({
  site: 'bench-shop',
  events,
  identified,
  visitors: 10_000,
  tag: `b${events}${identified ? 'i' : 'c'}`,
});

const describe = (t: Throughput) =>
  `${formatRate(t.eventsPerSecond)} (${formatRate(t.requestsPerSecond, 'req/s')})`;

export const ingestSection: Section = {
  number: 1,
  title: 'Ingest: collector (consumer off) vs bare node:http, same bodies, load from a child process',
  run: async (ctx): Promise<SectionResult> => {
    const { options } = ctx;
    const rows: Row[] = [];
    const notes: string[] = [];
    const check = (label: string, t: Throughput) => {
      if (Object.keys(t.failures).length)
        notes.push(`${label}: answers other than 202: ${JSON.stringify(t.failures)}`);
      if (t.driverBusy > 0.9)
        notes.push(
          `${label}: the load driver was busy ${Math.round(t.driverBusy * 100)}% of the time (it may set the pace)`,
        );
    };
    await withPrivateRedis(async (redis) => {
      const collector = await startCartpulse({
        redisUrl: redis.url,
        port: 0,
        host: '127.0.0.1',
        token: 'bench',
        consumer: false,
      });
      const bare = await startBareServer();
      try {
        for (const events of [1, 20]) {
          const baseline = await measureThroughput(bare.url, [shapeOf(events, true)], options);
          check(`bare node:http, batch ${events}`, baseline);
          ctx.log(`bare node:http, batch ${events}: ${describe(baseline)}`);
          for (const identified of [true, false]) {
            const label = `collector, batch ${events}, ${identified ? 'vid/sid' : 'cookieless'}`;
            const shape = shapeOf(events, identified);
            await expectAccepted(collector.url, shape);
            const measured = await measureThroughput(collector.url, [shape], options);
            await redis.client.flushall(); // the next case starts from the same empty stream
            check(label, measured);
            ctx.log(`${label}: ${describe(measured)}`);
            ctx.figures.set(
              `ingest.${events}.${identified ? 'ids' : 'cookieless'}`,
              measured.eventsPerSecond,
            );
            const share = ratio(measured.requestsPerSecond, baseline.requestsPerSecond);
            rows.push({
              section: '1 ingest',
              figure: label,
              value: describe(measured),
              baseline: `bare node:http ${formatRate(baseline.eventsPerSecond)}`,
              ratio: formatShare(share),
              aim: { text: `≥ ${INGEST_AIM * 100}%`, met: share >= INGEST_AIM },
            });
          }
        }
      } finally {
        await collector.stop();
        await bare.stop();
      }
    });
    notes.push(
      `1 ingest: ${options.connections} keep-alive connections from one child process, ${options.ingestSeconds} s per case after ${options.warmupSeconds} s of warm-up; Redis append-only (fsync every second).`,
    );
    return { rows, notes };
  },
};
