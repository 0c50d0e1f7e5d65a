/**
 * Section 8, live dashboards: N viewers of `GET /api/stream`, each on a site of its own, while a low
 * background ingest (batches of 1 spread over those sites) keeps the numbers moving. What they cost is
 * measured where it lands: redis-server's CPU (INFO cpu), and the ingest's p99 (POST → 202, from the
 * time each request was due), both next to the same load without viewers, in interleaved rounds. The hub
 * reads a site only when the consumer announced a change, a window edge moved, or 5 s passed, so the
 * cost follows the sites that change, not the viewers.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type Redis from 'ioredis';
import type { BodyShape } from './bodies.js';
import { startLoad } from './drive.js';
import { redisCpuSeconds, withPrivateRedis } from './private-redis.js';
import { BROWSER_UA, type Section, type SectionResult, startBenchCartpulse } from './section.js';
import { siteIds } from './shops.js';
import { percentile, ratio } from './stats.js';
import { formatCore, formatCount, formatMs, formatTimes, type Row } from './table.js';
import { openViewers, type ViewerCounts } from './viewers.js';

/** The issue's aim: redis-server under this share of one core with the viewers watching. */
export const VIEWERS_REDIS_AIM = 0.1;
/** "Ingest p99 unchanged": at most this multiple of the p99 without viewers. */
export const VIEWERS_P99_AIM = 1.25;
/** Connections of the background ingest: enough that a request rarely waits for a busy one. */
const CONNECTIONS = 8;
const WARMUP_MS = 1000;
/** Redis's CPU with Cartpulse running and nothing else, once: what neither ingest nor viewers cost. */
const IDLE_MS = 3000;

interface Phase {
  redisShare: number;
  collectorShare: number;
  p50: number;
  p99: number;
  max: number;
  requests: number;
  /** Script calls (EVALSHA: the consumer's applies and the hub's snapshot reads) per second. */
  scriptCalls: number;
  failures: number;
  viewers?: ViewerCounts & { openMs: number; open: number };
}

/** Calls of EVALSHA and EVAL so far (INFO commandstats). */
async function scriptCalls(redis: Redis): Promise<number> {
  const info = await redis.info('commandstats');
  let calls = 0;
  for (const match of info.matchAll(/^cmdstat_(?:evalsha|eval):calls=(\d+)/gm)) calls += Number(match[1]);
  return calls;
}

export const dashboardsSection: Section = {
  number: 8,
  title: 'Live dashboards: SSE viewers on many sites under a low ingest, vs the same ingest without viewers',
  run: async (ctx): Promise<SectionResult> => {
    const { options: bench } = ctx;
    const seconds = bench.viewerSeconds;
    return withPrivateRedis(async (redis) => {
      let open = 0;
      let accepted: (() => void) | undefined;
      const cartpulse = await startBenchCartpulse(
        { redisUrl: redis.url, consumerName: 'bench' },
        {
          collector: {
            onStreamOpened: () => open++,
            onStreamClosed: () => open--,
            onAccepted: () => accepted?.(),
          },
        },
      );
      const sites = siteIds(bench.viewers, cartpulse.options.partitions);
      const best: { without?: Phase; with?: Phase } = {};
      const warnings = new Set<string>();

      const measure = async (withViewers: boolean, tag: string): Promise<Phase> => {
        const viewers = withViewers
          ? await openViewers({ url: cartpulse.url, token: 'bench', sites })
          : undefined;
        try {
          const shapes: BodyShape[] = sites.map((site) => ({
            site,
            events: 1,
            identified: true,
            visitors: 20,
            tag,
          }));
          const started = new Promise<void>((resolve) => {
            accepted = resolve;
          });
          const load = startLoad({
            url: cartpulse.url,
            shapes,
            connections: CONNECTIONS,
            warmupMs: WARMUP_MS,
            durationMs: seconds * 1000,
            requestsPerSecond: bench.viewerEventsPerSecond,
            userAgent: BROWSER_UA,
            latencies: true,
          });
          // the driver's window starts a warm-up after its first request; this one with it
          await started;
          accepted = undefined;
          await sleep(WARMUP_MS);
          viewers?.mark();
          const before = {
            at: performance.now(),
            redis: await redisCpuSeconds(redis.client),
            collector: process.cpuUsage(),
            calls: await scriptCalls(redis.client),
          };
          await sleep(seconds * 1000);
          const elapsed = performance.now() - before.at;
          const redisSeconds = (await redisCpuSeconds(redis.client)) - before.redis;
          const collector = process.cpuUsage(before.collector);
          const calls = (await scriptCalls(redis.client)) - before.calls;
          const openDuring = open;
          const result = await load.result;
          const latencies = result.latenciesMs ?? [];
          const failures = result.requests - (result.statuses[202] ?? 0);
          const counts = await viewers?.stop();
          return {
            redisShare: (redisSeconds * 1000) / elapsed,
            collectorShare: (collector.user + collector.system) / 1000 / elapsed,
            p50: percentile(latencies, 50),
            p99: percentile(latencies, 99),
            max: percentile(latencies, 100),
            requests: result.requests,
            scriptCalls: (calls * 1000) / elapsed,
            failures,
            viewers: counts && viewers ? { ...counts, openMs: viewers.openMs, open: openDuring } : undefined,
          };
        } catch (error) {
          await viewers?.stop().catch(() => undefined);
          throw error;
        }
      };

      let idle = Number.NaN;
      try {
        await sleep(1000); // the consumer and the watch are past their start
        const idleFrom = { at: performance.now(), redis: await redisCpuSeconds(redis.client) };
        await sleep(IDLE_MS);
        idle =
          ((await redisCpuSeconds(redis.client)) - idleFrom.redis) /
          ((performance.now() - idleFrom.at) / 1000);
        ctx.log(`idle (no ingest, no viewers): redis-server ${formatCore(idle)}`);
        // rounds interleave the two cases, in turn first, and each keeps its best
        for (let round = 1; round <= bench.viewerRounds; round++) {
          const order = round % 2 ? [false, true] : [true, false];
          for (const withViewers of order) {
            const phase = await measure(withViewers, `d${round}${withViewers ? 'v' : 'n'}`);
            const label = withViewers ? `${formatCount(sites.length)} viewers` : 'no viewers';
            const seen = phase.viewers
              ? `; viewers open ${phase.viewers.open} (opened in ${(phase.viewers.openMs / 1000).toFixed(1)} s), received ${formatCount(phase.viewers.snapshots)} snapshots and ${formatCount(phase.viewers.unchanged)} unchanged`
              : '';
            ctx.log(
              `${label}${bench.viewerRounds > 1 ? ` (round ${round})` : ''}: redis-server ${formatCore(phase.redisShare)}, collector ${formatCore(phase.collectorShare)}, ${formatCount(phase.scriptCalls)} script calls/s; ingest p50 ${formatMs(phase.p50)}, p99 ${formatMs(phase.p99)}, max ${formatMs(phase.max)} (${phase.requests} requests)${seen}`,
            );
            if (phase.failures)
              warnings.add(`8 live dashboards, ${label}: ${phase.failures} answers other than 202`);
            if (phase.viewers && phase.viewers.open < sites.length)
              warnings.add(
                `8 live dashboards: only ${phase.viewers.open} of ${sites.length} streams were open`,
              );
            if (phase.viewers?.lost)
              warnings.add(`8 live dashboards: ${phase.viewers.lost} streams ended while measured`);
            const key = withViewers ? 'with' : 'without';
            const previous = best[key];
            // the best of each figure: the least Redis CPU and the lowest p99 seen
            best[key] = previous
              ? {
                  ...(phase.redisShare < previous.redisShare ? phase : previous),
                  p50: Math.min(phase.p50, previous.p50),
                  p99: Math.min(phase.p99, previous.p99),
                }
              : phase;
          }
        }
      } finally {
        await cartpulse.stop();
      }
      const without = best.without as Phase;
      const watched = best.with as Phase;
      const viewers = `${formatCount(sites.length)} viewers on ${formatCount(sites.length)} sites`;
      const p99Ratio = ratio(watched.p99, without.p99);
      const rows: Row[] = [
        {
          section: '8 live dashboards',
          figure: `redis-server CPU, ${viewers}, ${bench.viewerEventsPerSecond} events/s`,
          value: formatCore(watched.redisShare),
          baseline: `no viewers ${formatCore(without.redisShare)}`,
          ratio: formatTimes(ratio(watched.redisShare, without.redisShare)),
          aim: {
            text: `< ${formatCore(VIEWERS_REDIS_AIM)}`,
            met: watched.redisShare < VIEWERS_REDIS_AIM,
          },
        },
        {
          section: '8 live dashboards',
          figure: `ingest POST → 202, ${viewers}`,
          value: `p50 ${formatMs(watched.p50)} · p99 ${formatMs(watched.p99)}`,
          baseline: `no viewers p50 ${formatMs(without.p50)} · p99 ${formatMs(without.p99)}`,
          ratio: `${formatTimes(p99Ratio)} (p99)`,
          aim: { text: `p99 unchanged (≤ ${VIEWERS_P99_AIM}×)`, met: p99Ratio <= VIEWERS_P99_AIM },
        },
      ];
      const received = watched.viewers
        ? ` The viewers received ${formatCount(watched.viewers.snapshots / seconds)} snapshots/s and ${formatCount(watched.viewers.unchanged / seconds)} unchanged/s in all.`
        : '';
      const notes = [
        `8 live dashboards: ${bench.viewerEventsPerSecond} requests/s of 1 event over the ${sites.length} sites from ${CONNECTIONS} connections in a child process (latency from the time each request was due, so a stall counts for every request it delays), the viewers in another (one SSE stream each, Bearer token); ${seconds} s per case after ${WARMUP_MS / 1000} s of warm-up, best of ${bench.viewerRounds} interleaved round(s). redis-server idle (Cartpulse running, no ingest, no viewers): ${formatCore(idle)}. Collector process ${formatCore(watched.collectorShare)} with the viewers, ${formatCore(without.collectorShare)} without; Redis script calls (applies and snapshot reads) ${formatCount(watched.scriptCalls)}/s with the viewers, ${formatCount(without.scriptCalls)}/s without.${received}`,
        ...warnings,
      ];
      return { rows, notes };
    });
  },
};
