/**
 * Section 1, ingest: the collector's `POST /ingest` (consumer off, so only ingest is measured) against a
 * bare node:http server given the same bodies, for batches of 1 and 20 events, with client ids and
 * cookieless; for batches of 1 also against a Hono app on @hono/node-server that only reads the body,
 * which separates what Cartpulse's own work costs from what its framework costs. The load comes from a
 * child process over keep-alive connections. The CPU that redis-server and the collector spend per event
 * here (the XADDs alone) is the baseline of section 3's.
 */
import { startBareServer } from './bare-server.js';
import type { BodyShape } from './bodies.js';
import { startHonoServer } from './hono-server.js';
import { expectAccepted, measureThroughput, type Throughput } from './measure-load.js';
import { redisCpuSeconds, withPrivateRedis } from './private-redis.js';
import { type Section, type SectionResult, startBenchCartpulse } from './section.js';
import { ratio } from './stats.js';
import { formatMicros, formatRate, formatShare, formatTimes, type Row } from './table.js';

/** Requests the driver builds up front and cycles through (ingest alone counts nothing, so ids may repeat). */
const BODY_POOL = 2_000;

/** The issue's aim: the collector keeps at least this share of a bare server's requests/s. */
export const INGEST_AIM = 0.6;
/** The issue's aim: with batches of 1, the collector keeps at least this share of a bare Hono app's requests/s. */
export const HONO_AIM = 0.8;

const shapeOf = (events: number, identified: boolean): BodyShape => ({
  site: 'bench-shop',
  events,
  identified,
  visitors: 10_000,
  tag: `b${events}${identified ? 'i' : 'c'}`,
});

const describe = (t: Throughput) =>
  `${formatRate(t.eventsPerSecond)} (${formatRate(t.requestsPerSecond, 'req/s')})`;

type Server = 'bare' | 'hono' | 'collector';

interface Case {
  label: string;
  server: Server;
  events: number;
  identified: boolean;
}

/** A measurement, with the CPU per accepted event of redis-server and of this process (the collector's). */
interface Measured extends Throughput {
  redisUs: number;
  collectorUs: number;
}

const BASELINE_LABEL = { bare: 'bare node:http', hono: 'Hono on @hono/node-server' } as const;
const baselineOf = (server: 'bare' | 'hono', events: number) => `${BASELINE_LABEL[server]}, batch ${events}`;

export const ingestSection: Section = {
  number: 1,
  title:
    'Ingest: collector (consumer off) vs bare node:http and a bare Hono app, same bodies, load from a child process',
  run: async (ctx): Promise<SectionResult> => {
    const { options } = ctx;
    const rows: Row[] = [];
    const warnings = new Set<string>();
    const check = (label: string, t: Throughput) => {
      if (Object.keys(t.failures).length)
        warnings.add(`1 ingest, ${label}: answers other than 202: ${JSON.stringify(t.failures)}`);
      if (t.driverBusy > 0.9)
        warnings.add(
          `1 ingest, ${label}: the load driver was busy over 90% of the time (it may have set the pace)`,
        );
    };
    await withPrivateRedis(async (redis) => {
      const collector = await startBenchCartpulse({ redisUrl: redis.url, consumer: false });
      const bare = await startBareServer();
      const hono = await startHonoServer();
      const urls: Record<Server, string> = { bare: bare.url, hono: hono.url, collector: collector.url };
      const cases: Case[] = [1, 20].flatMap((events) => [
        { label: baselineOf('bare', events), server: 'bare' as const, events, identified: true },
        ...(events === 1
          ? [{ label: baselineOf('hono', events), server: 'hono' as const, events, identified: true }]
          : []),
        ...[true, false].map((identified) => ({
          label: `collector, batch ${events}, ${identified ? 'vid/sid' : 'cookieless'}`,
          server: 'collector' as const,
          events,
          identified,
        })),
      ]);
      const best = new Map<string, Measured>();
      try {
        for (const item of cases)
          if (item.server === 'collector')
            await expectAccepted(collector.url, shapeOf(item.events, item.identified));
        // rounds interleave the cases, and each keeps its best: a burst of load from elsewhere on the
        // machine then spoils one measurement, not the comparison
        for (let round = 1; round <= options.ingestRounds; round++) {
          for (const item of cases) {
            const redisBefore = await redisCpuSeconds(redis.client);
            const cpuBefore = process.cpuUsage();
            const throughput = await measureThroughput(
              urls[item.server],
              [shapeOf(item.events, item.identified)],
              options,
              { bodyPool: BODY_POOL },
            );
            const cpu = process.cpuUsage(cpuBefore);
            const redisSeconds = (await redisCpuSeconds(redis.client)) - redisBefore;
            // over the whole load, warm-up included, as the accepted events are
            const accepted = throughput.raw.acceptedEvents;
            const measured: Measured = {
              ...throughput,
              redisUs: ratio(redisSeconds * 1e6, accepted),
              collectorUs: ratio(cpu.user + cpu.system, accepted),
            };
            // every case starts from empty streams; trimmed, not flushed, so that the setup (groups, marker)
            // stays and the collector never meets a Redis that lost its data mid-run
            if (item.server === 'collector')
              for (const keys of collector.context.partitions)
                await redis.client.xtrim(keys.stream, 'MAXLEN', 0);
            check(item.label, measured);
            const cpuText =
              item.server === 'collector'
                ? `; CPU per event: redis-server ${formatMicros(measured.redisUs)}, collector ${formatMicros(measured.collectorUs)}`
                : '';
            ctx.log(
              `${item.label}: ${describe(measured)}${cpuText}${options.ingestRounds > 1 ? ` (round ${round})` : ''}`,
            );
            const previous = best.get(item.label);
            if (!previous || measured.requestsPerSecond > previous.requestsPerSecond)
              best.set(item.label, measured);
          }
        }
      } finally {
        await collector.stop();
        await bare.stop();
        await hono.stop();
      }
      const honoBaseline = best.get(baselineOf('hono', 1)) as Measured;
      const bareOne = best.get(baselineOf('bare', 1)) as Measured;
      rows.push({
        section: '1 ingest',
        figure: `${baselineOf('hono', 1)} (body read, 202)`,
        value: formatRate(honoBaseline.requestsPerSecond, 'req/s'),
        baseline: `bare node:http ${formatRate(bareOne.requestsPerSecond, 'req/s')}`,
        ratio: formatShare(ratio(honoBaseline.requestsPerSecond, bareOne.requestsPerSecond)),
      });
      for (const item of cases) {
        if (item.server !== 'collector') continue;
        const measured = best.get(item.label) as Measured;
        const baseline = best.get(baselineOf('bare', item.events)) as Measured;
        const key = `ingest.${item.events}.${item.identified ? 'ids' : 'cookieless'}`;
        ctx.figures.set(key, measured.eventsPerSecond);
        ctx.figures.set(`${key}.redisUs`, measured.redisUs);
        ctx.figures.set(`${key}.collectorUs`, measured.collectorUs);
        const share = ratio(measured.requestsPerSecond, baseline.requestsPerSecond);
        rows.push({
          section: '1 ingest',
          figure: item.label,
          value: describe(measured),
          baseline: `bare node:http ${formatRate(baseline.eventsPerSecond)}`,
          ratio: formatShare(share),
          aim: { text: `≥ ${INGEST_AIM * 100}%`, met: share >= INGEST_AIM },
        });
        if (item.events !== 1) continue;
        const toHono = ratio(measured.requestsPerSecond, honoBaseline.requestsPerSecond);
        rows.push({
          section: '1 ingest',
          figure: `${item.label}, vs Hono`,
          value: formatRate(measured.requestsPerSecond, 'req/s'),
          baseline: `Hono ${formatRate(honoBaseline.requestsPerSecond, 'req/s')}`,
          ratio: formatTimes(toHono),
          aim: { text: `≥ ${HONO_AIM}×`, met: toHono >= HONO_AIM },
        });
      }
    });
    const notes = [
      `1 ingest: ${options.connections} keep-alive connections from one child process, ${options.ingestSeconds} s per case after ${options.warmupSeconds} s of warm-up, best of ${options.ingestRounds} interleaved round(s); Redis append-only (fsync every second). The Hono baseline is a POST /ingest route that awaits c.req.text() and answers 202 with the same JSON, served as the collector is.`,
      ...warnings,
    ];
    return { rows, notes };
  },
};
