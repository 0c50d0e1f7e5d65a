/**
 * Section 4, freshness: the time from posting an event to seeing it in the snapshot, under light
 * background load from other shops. Each probe is a page view with a path of its own on a quiet site;
 * the snapshot (readSnapshot, as GET /api/realtime serves it) is polled every millisecond until the
 * path shows in its `recent` list. The POST's own round trip (until its 202) is the baseline.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { readSnapshot } from '../src/windows/snapshot.js';
import { BATCH_EVENTS, BENCH_SITES } from './consumer.js';
import { startLoad } from './drive.js';
import { withPrivateRedis } from './private-redis.js';
import { BROWSER_UA, type Section, type SectionResult, startBenchCartpulse } from './section.js';
import { shopShapes, siteIds } from './shops.js';
import { percentile, ratio } from './stats.js';
import { formatCount, formatMs, formatTimes, type Row } from './table.js';

const QUIET_SITE = 'quiet-shop';
const POLL_MS = 1;

export const latencySection: Section = {
  number: 4,
  title: 'Freshness: POST → visible in the snapshot, under light background load',
  run: async (ctx): Promise<SectionResult> => {
    const { options: bench } = ctx;
    return withPrivateRedis(async (redis) => {
      const cartpulse = await startBenchCartpulse({ redisUrl: redis.url, consumerName: 'bench' });
      const { options } = cartpulse;
      const sites = siteIds(BENCH_SITES, options.partitions);
      const background = startLoad({
        url: cartpulse.url,
        shapes: shopShapes(sites, BATCH_EVENTS, 2_000, 'l'),
        connections: 4,
        warmupMs: 0,
        durationMs: 600_000,
        requestsPerSecond: bench.backgroundRequestsPerSecond,
        userAgent: BROWSER_UA,
      });
      const post: number[] = [];
      const visible: number[] = [];
      const run = `${Date.now().toString(36)}`;
      try {
        await sleep(1000); // the background load is under way
        for (let i = 0; i < bench.latencyProbes; i++) {
          const path = `/probe/${run}-${i}`;
          const now = Date.now();
          const body = JSON.stringify({
            site: QUIET_SITE,
            sent: now,
            events: [
              {
                type: 'pageview',
                id: `${run}-${i}`,
                ts: now,
                vid: 'probe',
                sid: 'probe',
                url: `https://quiet.example${path}`,
              },
            ],
          });
          const started = performance.now();
          const response = await fetch(new URL('/ingest', cartpulse.url), {
            method: 'POST',
            headers: { 'content-type': 'text/plain;charset=UTF-8', 'user-agent': BROWSER_UA },
            body,
          });
          await response.arrayBuffer();
          post.push(performance.now() - started);
          if (response.status !== 202) throw new Error(`probe answered ${response.status}`);
          for (const deadline = started + 10_000; ; await sleep(POLL_MS)) {
            const snapshot = await readSnapshot(cartpulse.context.reader, options, QUIET_SITE, Date.now());
            if (snapshot.recent.some((event) => event.path === path)) break;
            if (performance.now() > deadline) throw new Error(`probe ${path} did not show within 10 s`);
          }
          visible.push(performance.now() - started);
          await sleep(5 + (i % 20)); // probes at irregular moments
        }
      } finally {
        background.stop();
        await background.result.catch(() => undefined);
        await cartpulse.stop();
      }
      const shown = { p50: percentile(visible, 50), p99: percentile(visible, 99) };
      const answered = { p50: percentile(post, 50), p99: percentile(post, 99) };
      const describe = (t: { p50: number; p99: number }) => `p50 ${formatMs(t.p50)} · p99 ${formatMs(t.p99)}`;
      ctx.log(`POST → snapshot ${describe(shown)}; POST → 202 ${describe(answered)}`);
      const rows: Row[] = [
        {
          section: '4 freshness',
          figure: `POST → in the snapshot, ${formatCount(bench.backgroundRequestsPerSecond * BATCH_EVENTS)} events/s background`,
          value: describe(shown),
          baseline: `POST → 202 ${describe(answered)}`,
          ratio: `${formatTimes(ratio(shown.p50, answered.p50))} (p50)`,
        },
      ];
      const notes = [
        `4 freshness: ${bench.latencyProbes} probes, one at a time, polling every ${POLL_MS} ms (so figures include up to ~${POLL_MS} ms of polling granularity plus one snapshot read); background ${bench.backgroundRequestsPerSecond} requests/s of ${BATCH_EVENTS} events from ${sites.length} shops in a child process.`,
      ];
      return { rows, notes };
    });
  },
};
