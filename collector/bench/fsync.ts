/**
 * Section 7, fsync: what `appendfsync always` (Redis fsyncs the append-only file before it answers, so a
 * 202 means the events are on disk) costs next to `everysec` (a power cut may lose the last second).
 * End to end as section 3 runs it in one process, and ingest alone (consumer off); batches of 20 from
 * the bench's shops. Every measurement gets a fresh redis-server started with its setting. Beside them,
 * the disk's own fdatasync time, which is what `always` adds to each Redis event-loop turn that writes.
 */
import { closeSync, fdatasyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BATCH_EVENTS, BENCH_SITES } from './consumer.js';
import { runPipeline } from './end-to-end.js';
import { expectAccepted, measureThroughput } from './measure-load.js';
import { aofInMemory, type Fsync, withPrivateRedis } from './private-redis.js';
import { type BenchContext, type Section, type SectionResult, startBenchCartpulse } from './section.js';
import { shopShapes, siteIds } from './shops.js';
import { percentile, ratio } from './stats.js';
import { formatMs, formatRate, formatShare, type Row } from './table.js';

/**
 * The rule for the default of `fsync`: `always` keeps at least this share of `everysec`'s sustained
 * end-to-end throughput (costs less than 25%).
 */
export const FSYNC_AIM = 0.75;

/** Requests the driver builds up front and cycles through (ingest alone counts nothing, so ids may repeat). */
const BODY_POOL = 2_000;

interface Measured {
  endToEnd: number;
  ingest: number;
}

/**
 * Milliseconds of fdatasync (what Redis calls on Linux) after each 4 KiB append, in the directory where
 * the bench's redis-servers keep their files: a fast disk (or a write cache) makes `always` cheap.
 */
function fdatasyncTimes(samples = 200): number[] {
  const dir = mkdtempSync(join(tmpdir(), 'cartpulse-fsync-'));
  const fd = openSync(join(dir, 'probe'), 'a');
  const block = Buffer.alloc(4096, 1);
  const times: number[] = [];
  try {
    for (let i = 0; i < samples; i++) {
      writeSync(fd, block);
      const started = performance.now();
      fdatasyncSync(fd);
      times.push(performance.now() - started);
    }
  } finally {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
  return times;
}

/** Events/s accepted by a collector without a consumer; answers other than 202 go to `warnings`. */
async function ingestOnly(ctx: BenchContext, fsync: Fsync, warnings: Set<string>): Promise<number> {
  return withPrivateRedis(async (redis) => {
    const collector = await startBenchCartpulse({ redisUrl: redis.url, consumer: false });
    try {
      const sites = siteIds(BENCH_SITES, collector.options.partitions);
      const shapes = shopShapes(sites, BATCH_EVENTS, 2_000, 'f');
      await expectAccepted(collector.url, shapes[0]);
      const measured = await measureThroughput(collector.url, shapes, ctx.options, { bodyPool: BODY_POOL });
      if (Object.keys(measured.failures).length)
        warnings.add(
          `7 fsync, ingest ${fsync}: answers other than 202: ${JSON.stringify(measured.failures)}`,
        );
      return measured.eventsPerSecond;
    } finally {
      await collector.stop();
    }
  }, fsync);
}

export const fsyncSection: Section = {
  number: 7,
  title: 'fsync: appendfsync always vs everysec, end to end (one process) and ingest alone',
  run: async (ctx): Promise<SectionResult> => {
    const rounds = ctx.options.fsyncRounds;
    const short = { ...ctx, options: { ...ctx.options, endToEndSeconds: ctx.options.fsyncSeconds } };
    const disk: number[] = [];
    const best = new Map<Fsync, Measured>();
    const warnings = new Set<string>();
    if (aofInMemory())
      warnings.add(
        '7 fsync: the temporary directory is on tmpfs, where an fsync costs nothing: set TMPDIR to a disk',
      );
    // rounds interleave the settings, in turn first, and each keeps its best: a burst of load from
    // elsewhere on the machine, or a drift over the run, then spoils one measurement, not the comparison
    for (let round = 1; round <= rounds; round++) {
      const order: Fsync[] = round % 2 ? ['always', 'everysec'] : ['everysec', 'always'];
      // the disk's time in each round tells whether a slow `always` met a busy disk
      const times = fdatasyncTimes();
      disk.push(...times);
      ctx.log(
        `fdatasync of a 4 KiB append: p50 ${formatMs(percentile(times, 50))}, p99 ${formatMs(percentile(times, 99))}`,
      );
      for (const fsync of order) {
        const label = `appendfsync ${fsync}${rounds > 1 ? `, round ${round}` : ''}`;
        const ingest = await ingestOnly(ctx, fsync, warnings);
        ctx.log(`${label}: ingest only ${formatRate(ingest)}`);
        const run = await withPrivateRedis((redis) => runPipeline(short, redis, false, label), fsync);
        const previous = best.get(fsync);
        best.set(fsync, {
          endToEnd: Math.max(run.sustained, previous?.endToEnd ?? 0),
          ingest: Math.max(ingest, previous?.ingest ?? 0),
        });
      }
    }
    const [diskP50, diskP99] = [percentile(disk, 50), percentile(disk, 99)];
    const always = best.get('always') as Measured;
    const everysec = best.get('everysec') as Measured;
    const endToEndShare = ratio(always.endToEnd, everysec.endToEnd);
    const ingestShare = ratio(always.ingest, everysec.ingest);
    const rows: Row[] = [
      {
        section: '7 fsync',
        figure: `end to end, batches of ${BATCH_EVENTS}, one process, appendfsync always`,
        value: `${formatRate(always.endToEnd)} sustained`,
        baseline: `everysec ${formatRate(everysec.endToEnd)}`,
        ratio: formatShare(endToEndShare),
        aim: { text: `≥ ${FSYNC_AIM * 100}%`, met: endToEndShare >= FSYNC_AIM },
      },
      {
        section: '7 fsync',
        figure: `ingest only, batches of ${BATCH_EVENTS}, appendfsync always`,
        value: formatRate(always.ingest),
        baseline: `everysec ${formatRate(everysec.ingest)}`,
        ratio: formatShare(ingestShare),
      },
      {
        section: '7 fsync',
        figure: `disk: fdatasync of a 4 KiB append (${disk.length} times)`,
        value: `p50 ${formatMs(diskP50)}, p99 ${formatMs(diskP99)}`,
        baseline: '',
        ratio: '',
      },
    ];
    // a negative cost is noise: the settings differ by less than the machine's own variation
    const cost = (share: number) => (share < 1 ? `${Math.round((1 - share) * 100)}%` : 'nothing measurable');
    const notes = [
      `7 fsync: appendfsync always costs ${cost(endToEndShare)} of the sustained end-to-end throughput and ${cost(ingestShare)} of ingest alone, on a disk whose fdatasync takes p50 ${formatMs(diskP50)} (a slower disk costs more); best of ${rounds} interleaved round(s) per setting, ${ctx.options.fsyncSeconds} s end to end and ${ctx.options.ingestSeconds} s ingest each, a fresh redis-server per measurement.`,
      ...warnings,
    ];
    return { rows, notes };
  },
};
