/**
 * Section 3, end to end: HTTP → stream → consumer → windows under as much load as the driver's
 * connections bring, batches of 20 events from several shops. Twice: in one process as `npm start` runs
 * it, and with the consumer in a process of its own (`cartpulse collector` + `cartpulse consumer`), which
 * lets the two share the machine's cores. Sustained means: events applied to the windows ÷ the time
 * from the first applied batch until the consumer had applied everything that was accepted. CPU per
 * event: what redis-server (INFO cpu) and the Node processes spent from the start of the load until the
 * last event was applied, ÷ the events applied; ingest alone (section 1) is its baseline.
 */
import type { CartpulseOptions } from '../src/config.js';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { BATCH_EVENTS, BENCH_SITES } from './consumer.js';
import type { ConsumerReport } from './consumer-child.js';
import { expectAccepted, measureThroughput } from './measure-load.js';
import { type BenchRedis, withPrivateRedis } from './private-redis.js';
import {
  BENCH_ADMISSION,
  type BenchContext,
  type Section,
  type SectionResult,
  startBenchCartpulse,
} from './section.js';
import { shopShapes, siteIds } from './shops.js';
import { perSecond, ratio } from './stats.js';
import { formatCount, formatMicros, formatRate, formatShare, formatTimes, type Row } from './table.js';

/** The issue's aim for sustained end-to-end throughput on a 2-core machine. */
export const END_TO_END_AIM = 100_000;
/** The issue's aim for redis-server's CPU time per event applied end to end, in µs (all masters together). */
export const REDIS_CPU_AIM_US = 4;

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
async function startConsumerProcess(connection: BenchRedis['connection'], progress: Progress) {
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
    child.send({ ...connection, consumerName: 'bench-child', ...BENCH_ADMISSION });
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
  /** Events applied from the start of the load until the consumer had caught up. */
  applied: number;
  /** The sites the load came from, in equal shares, and the partitions they map onto. */
  sites: string[];
  partitions: number;
  /** CPU µs per applied event, from the start of the load until the consumer had caught up. */
  perEvent: {
    /** Each master's, in the order of `BenchRedis.cpuSeconds` (one entry for one server). */
    redis: number[];
    /** The collector's process (the consumer's too, when it runs inside). */
    collector: number;
    /** A consumer process of its own; 0 when the consumer runs inside the collector. */
    consumer: number;
  };
  /** Each master's share of a core while the load ran. */
  redisBusy: number[];
  note: string;
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

/** One end-to-end run against `redis`; `label` names it in the progress line (section 7 adds the fsync). */
export async function runPipeline(
  ctx: BenchContext,
  redis: BenchRedis,
  separate: boolean,
  label = separate ? 'consumer in its own process' : 'one process',
  overrides: Partial<CartpulseOptions> = {},
): Promise<Run> {
  const { options: bench } = ctx;
  const progress: Progress = { handled: 0, counting: false, firstAt: 0, lastAt: 0, consumerCpuMs: 0 };
  const cartpulse = await startBenchCartpulse(
    { ...redis.connection, consumerName: 'bench', consumer: !separate, ...overrides },
    { consumer: { onBatch: (batch) => record(progress, batch.applied + batch.duplicates) } },
  );
  const consumerProcess = separate ? await startConsumerProcess(redis.connection, progress) : undefined;
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
      redis: await redis.cpuSeconds(),
    };
    const loadStarted = performance.now();
    const load = await measureThroughput(cartpulse.url, shapes, bench, {
      durationSeconds: bench.endToEndSeconds,
    });
    const loadEnded = performance.now();
    const collectorCpu = process.cpuUsage(cpuBefore.collector);
    const redisAtLoadEnd = await redis.cpuSeconds();
    const redisCpu = redisAtLoadEnd.map((seconds, i) => seconds - cpuBefore.redis[i]);
    const consumerCpu = progress.consumerCpuMs - cpuBefore.consumer;
    const accepted = load.raw.acceptedEvents;
    const backlog = accepted - (progress.handled - before);
    for (const deadline = Date.now() + 300_000; progress.handled < before + accepted; await sleep(10))
      if (Date.now() > deadline)
        throw new Error(`the consumer did not catch up: ${progress.handled - before} of ${accepted}`);
    // per event: until the last event was applied, since the backlog left at the end is work of the load
    const collectorTotal = process.cpuUsage(cpuBefore.collector);
    const redisTotal = (await redis.cpuSeconds()).map((seconds, i) => seconds - cpuBefore.redis[i]);
    const applied = progress.handled - before;
    const micros = (us: number) => (applied > 0 ? us / applied : Number.NaN);
    const perEvent = {
      redis: redisTotal.map((seconds) => micros(seconds * 1e6)),
      collector: micros(collectorTotal.user + collectorTotal.system),
      consumer: separate ? micros((progress.consumerCpuMs - cpuBefore.consumer) * 1000) : 0,
    };
    const drainMs = Math.max(0, progress.lastAt - loadEnded);
    const sustained = perSecond(accepted, progress.lastAt - progress.firstAt);
    // where the cores went while the load ran (the driver's own figure covers its measured window)
    const share = (cpuMs: number) => cpuMs / (loadEnded - loadStarted);
    const busy = (cpuMs: number) => `${Math.round(share(cpuMs) * 100)}%`;
    const redisBusy = redisCpu.map((seconds) => share(seconds * 1000));
    const servers =
      redisCpu.length === 1
        ? `redis-server ${busy(redisCpu[0] * 1000)}`
        : `redis-servers ${redisCpu.map((seconds, i) => `${redis.names[i]} ${busy(seconds * 1000)}`).join(', ')}`;
    const cores = [
      `collector process ${busy((collectorCpu.user + collectorCpu.system) / 1000)}`,
      ...(separate ? [`consumer process ${busy(consumerCpu)}`] : []),
      servers,
      `load driver ${Math.round(load.driverBusy * 100)}% of a core`,
    ].join(', ');
    const perEventText = [
      `redis-server ${formatMicros(sum(perEvent.redis))}`,
      `collector process ${formatMicros(perEvent.collector)}`,
      ...(separate ? [`consumer process ${formatMicros(perEvent.consumer)}`] : []),
    ].join(', ');
    const failures = Object.keys(load.failures).length
      ? `; answers other than 202: ${JSON.stringify(load.failures)}`
      : '';
    ctx.log(
      `${label}: HTTP accepted ${formatRate(load.eventsPerSecond)}, sustained ${formatRate(sustained)}; CPU ${cores}; per event ${perEventText}`,
    );
    return {
      sustained,
      accepted: load.eventsPerSecond,
      applied,
      sites,
      partitions: cartpulse.options.partitions,
      perEvent,
      redisBusy,
      note: `${label}: ${formatCount(accepted)} events from ${sites.length} sites (a third cookieless) over ${bench.connections} connections for ${bench.endToEndSeconds} s (+${bench.warmupSeconds} s warm-up); HTTP accepted ${formatRate(load.eventsPerSecond)}; ${formatCount(Math.max(0, backlog))} events were queued when the load stopped, applied ${(drainMs / 1000).toFixed(1)} s later${failures}. CPU during the load: ${cores}; CPU per event until applied: ${perEventText}.`,
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
    const ingestRedisUs = ctx.figures.get('ingest.20.ids.redisUs');
    const ingestCollectorUs = ctx.figures.get('ingest.20.ids.collectorUs');
    const rows: Row[] = [];
    const notes: string[] = [];
    for (const separate of [false, true]) {
      const run = await withPrivateRedis((redis) => runPipeline(ctx, redis, separate));
      const where = separate ? 'consumer in its own process' : 'one process (npm start)';
      rows.push({
        section: '3 end to end',
        figure: `HTTP → windows, batches of ${BATCH_EVENTS}, ${where}`,
        value: `${formatRate(run.sustained)} sustained`,
        baseline: ingestOnly ? `ingest only (1) ${formatRate(ingestOnly)}` : '',
        ratio: ingestOnly ? formatShare(ratio(run.sustained, ingestOnly)) : '',
        aim: { text: `≥ ${formatCount(END_TO_END_AIM)} events/s`, met: run.sustained >= END_TO_END_AIM },
      });
      rows.push(redisCpuRow('3 end to end', `redis-server CPU per event, ${where}`, run, ingestRedisUs));
      const nodeUs = run.perEvent.collector + run.perEvent.consumer;
      rows.push({
        section: '3 end to end',
        figure: `collector CPU per event, ${where}`,
        value: separate
          ? `${formatMicros(nodeUs)}/event (collector ${formatMicros(run.perEvent.collector)} + consumer ${formatMicros(run.perEvent.consumer)})`
          : `${formatMicros(nodeUs)}/event`,
        baseline: ingestCollectorUs ? `ingest only (1) ${formatMicros(ingestCollectorUs)}/event` : '',
        ratio: ingestCollectorUs ? formatTimes(ratio(nodeUs, ingestCollectorUs)) : '',
      });
      notes.push(`3 end to end, ${run.note}`);
    }
    return { rows, notes };
  },
};

/**
 * The row of redis-server's CPU per applied event (all masters together), beside ingest alone's (the
 * XADDs only, section 1) when that ran.
 */
export function redisCpuRow(section: string, figure: string, run: Run, ingestUs?: number): Row {
  const total = sum(run.perEvent.redis);
  return {
    section,
    figure,
    value: `${formatMicros(total)}/event`,
    baseline: ingestUs ? `ingest only (1) ${formatMicros(ingestUs)}/event` : '',
    ratio: ingestUs ? formatTimes(ratio(total, ingestUs)) : '',
    aim: { text: `≤ ${REDIS_CPU_AIM_US} µs`, met: total <= REDIS_CPU_AIM_US },
  };
}
