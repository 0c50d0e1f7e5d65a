/**
 * Section 3, end to end: HTTP → stream → consumer → windows under as much load as the driver's
 * connections bring, batches of 20 events from several shops. Twice: in one process as `npm start` runs
 * it, and with the consumer in a process of its own (`cartpulse collector` + `cartpulse consumer`), which
 * lets the two share the machine's cores. Sustained means: events applied to the windows ÷ the time
 * from the first applied batch until the consumer had applied everything that was accepted.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startCartpulse } from '../src/server.js';
import { BATCH_EVENTS, BENCH_SITES } from './consumer.js';
import type { ConsumerReport } from './consumer-child.js';
import { expectAccepted, measureThroughput } from './measure-load.js';
import { type PrivateRedis, redisCpuSeconds, withPrivateRedis } from './private-redis.js';
import { BENCH_ADMISSION, type BenchContext, type Section, type SectionResult } from './section.js';
import { shopShapes, siteIds } from './shops.js';
import { perSecond, ratio } from './stats.js';
import { formatCount, formatRate, formatShare, type Row } from './table.js';

/** The aim for sustained end-to-end throughput on a 2-core machine. */
export const END_TO_END_AIM = 100_000;

const CONSUMER_CHILD = fileURLToPath(new URL('./consumer-child.ts', import.meta.url));

/** What the consumer has handled, when it handled the first and the latest measured events, its CPU. */
interface Progress {
  handled: number;
  counting: boolean;
  firstAt: number;
  lastAt: number;
  /** CPU of a consumer process of its own (0 when it runs inside the collector). */
  consumerCpuMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function record(progress: Progress, handled: number) {
  progress.handled += handled;
  progress.lastAt = performance.now();
  if (progress.counting && !progress.firstAt) progress.firstAt = progress.lastAt;
}

/** A consumer child process; resolves once it reads the streams. */
async function startConsumerProcess(redisUrl: string, progress: Progress) {
  const child = fork(CONSUMER_CHILD, [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  await new Promise<void>((resolve, reject) => {
    child.on('message', (message: ConsumerReport) => {
      if ('ready' in message) return resolve();
      record(progress, message.handled);
      progress.consumerCpuMs = message.cpuMs;
    });
    child.once('exit', (code) => reject(new Error(`the consumer process exited (${code})`)));
    child.send({ redisUrl, consumerName: 'bench-child', ...BENCH_ADMISSION });
  });
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        child.removeAllListeners('exit');
        child.once('exit', () => resolve());
        child.send('stop');
      }),
  };
}

export interface Run {
  sustained: number;
  /** Events/s the collector answered 202 to while the load ran. */
  accepted: number;
  note: string;
}

/** One end-to-end run against `redis`; `label` names it in the progress line (section 7 adds the fsync). */
export async function runPipeline(
  ctx: BenchContext,
  redis: PrivateRedis,
  separate: boolean,
  label = separate ? 'consumer in its own process' : 'one process',
): Promise<Run> {
  const { options: bench } = ctx;
  const progress: Progress = { handled: 0, counting: false, firstAt: 0, lastAt: 0, consumerCpuMs: 0 };
  const cartpulse = await startCartpulse(
    {
      redisUrl: redis.url,
      port: 0,
      host: '127.0.0.1',
      token: 'bench',
      consumerName: 'bench',
      consumer: !separate,
      ...BENCH_ADMISSION,
    },
    { consumer: { onBatch: (batch) => record(progress, batch.applied + batch.duplicates) } },
  );
  const consumerProcess = separate ? await startConsumerProcess(redis.url, progress) : undefined;
  try {
    const sites = siteIds(BENCH_SITES, cartpulse.options.partitions);
    const shapes = shopShapes(sites, BATCH_EVENTS, 2_000, separate ? 'E' : 'e');
    for (const shape of shapes.slice(0, 3)) await expectAccepted(cartpulse.url, shape);
    for (let waited = 0; progress.handled < 3 * BATCH_EVENTS && waited < 10_000; waited += 20)
      await sleep(20);
    const before = progress.handled;
    progress.counting = true;
    const cpuBefore = {
      collector: process.cpuUsage(),
      consumer: progress.consumerCpuMs,
      redis: await redisCpuSeconds(redis.client),
    };
    const loadStarted = performance.now();
    const load = await measureThroughput(cartpulse.url, shapes, bench, {
      durationSeconds: bench.endToEndSeconds,
    });
    const loadEnded = performance.now();
    const collectorCpu = process.cpuUsage(cpuBefore.collector);
    const redisCpu = (await redisCpuSeconds(redis.client)) - cpuBefore.redis;
    const consumerCpu = progress.consumerCpuMs - cpuBefore.consumer;
    const accepted = load.raw.acceptedEvents;
    const backlog = accepted - (progress.handled - before);
    for (const deadline = Date.now() + 300_000; progress.handled < before + accepted; await sleep(10))
      if (Date.now() > deadline)
        throw new Error(`the consumer did not catch up: ${progress.handled - before} of ${accepted}`);
    const drainMs = Math.max(0, progress.lastAt - loadEnded);
    const sustained = perSecond(accepted, progress.lastAt - progress.firstAt);
    // where the cores went while the load ran (the driver's own figure covers its measured window)
    const busy = (cpuMs: number) => `${Math.round((cpuMs / (loadEnded - loadStarted)) * 100)}%`;
    const cores = [
      `collector process ${busy((collectorCpu.user + collectorCpu.system) / 1000)}`,
      ...(separate ? [`consumer process ${busy(consumerCpu)}`] : []),
      `redis-server ${busy(redisCpu * 1000)}`,
      `load driver ${Math.round(load.driverBusy * 100)}% of a core`,
    ].join(', ');
    const failures = Object.keys(load.failures).length
      ? `; answers other than 202: ${JSON.stringify(load.failures)}`
      : '';
    ctx.log(
      `${label}: HTTP accepted ${formatRate(load.eventsPerSecond)}, sustained ${formatRate(sustained)}; CPU ${cores}`,
    );
    return {
      sustained,
      accepted: load.eventsPerSecond,
      note: `3 end to end, ${label}: ${formatCount(accepted)} events from ${sites.length} sites (a third cookieless) over ${bench.connections} connections for ${bench.endToEndSeconds} s (+${bench.warmupSeconds} s warm-up); HTTP accepted ${formatRate(load.eventsPerSecond)}; ${formatCount(Math.max(0, backlog))} events were queued when the load stopped, applied ${(drainMs / 1000).toFixed(1)} s later${failures}. CPU during the load: ${cores}.`,
    };
  } finally {
    await cartpulse.stop();
    await consumerProcess?.stop();
  }
}

export const endToEndSection: Section = {
  number: 3,
  title: 'End to end: HTTP → stream → consumer → windows, in one process and with the consumer apart',
  run: async (ctx): Promise<SectionResult> => {
    const ingestOnly = ctx.figures.get('ingest.20.ids');
    const rows: Row[] = [];
    const notes: string[] = [];
    for (const separate of [false, true]) {
      const run = await withPrivateRedis((redis) => runPipeline(ctx, redis, separate));
      rows.push({
        section: '3 end to end',
        figure: `HTTP → windows, batches of ${BATCH_EVENTS}, ${separate ? 'consumer in its own process' : 'one process (npm start)'}`,
        value: `${formatRate(run.sustained)} sustained`,
        baseline: ingestOnly ? `ingest only (1) ${formatRate(ingestOnly)}` : '',
        ratio: ingestOnly ? formatShare(ratio(run.sustained, ingestOnly)) : '',
        aim: { text: `≥ ${formatCount(END_TO_END_AIM)} events/s`, met: run.sustained >= END_TO_END_AIM },
      });
      notes.push(run.note);
    }
    return { rows, notes };
  },
};
