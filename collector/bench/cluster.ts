/**
 * Section 9, Redis Cluster: section 3's end-to-end load (one process, as `npm start` runs it) on a
 * private three-master cluster next to one Redis, in interleaved rounds, a fresh cluster or server for
 * every run. Beside the sustained rate, what each master spends per event: the partitions' hash tags
 * spread the streams and windows over the masters, so a master's CPU is divided by the events of the
 * sites whose partitions it holds (every site of the load sends the same share), and all masters
 * together are compared with one Redis.
 */
import { defaultOptions } from '../src/config.js';
import { partitionOf } from '../src/keys.js';
import { BATCH_EVENTS } from './consumer.js';
import { END_TO_END_AIM, REDIS_CPU_AIM_US, type Run, redisCpuRow, runPipeline } from './end-to-end.js';
import { withPrivateCluster } from './private-cluster.js';
import { withPrivateRedis } from './private-redis.js';
import { type Section, type SectionResult } from './section.js';
import { ratio } from './stats.js';
import {
  formatCore,
  formatCount,
  formatMicros,
  formatRate,
  formatShare,
  formatTimes,
  type Row,
} from './table.js';

const MASTERS = 3;
/** The runs use Cartpulse's default key prefix. */
const { keyPrefix: KEY_PREFIX } = defaultOptions();

/** A run, with the masters' names and the share of the load's sites whose partitions each held. */
interface Placed extends Run {
  masters: string[];
  /** Per master: sites of the load it held, and the partitions those sites map onto. */
  held: { sites: number; partitions: number }[];
}

/** Which master held each site's partition, counted per master. */
function placement(run: Run, owners: number[], masters: number): Placed['held'] {
  const held = Array.from({ length: masters }, () => ({ sites: 0, partitions: new Set<number>() }));
  for (const site of run.sites) {
    const partition = partitionOf(site, run.partitions);
    const owner = held[owners[partition]];
    if (!owner) continue;
    owner.sites++;
    owner.partitions.add(partition);
  }
  return held.map(({ sites, partitions }) => ({ sites, partitions: partitions.size }));
}

interface Best {
  sustained: number;
  /** The run that spent the least Redis CPU per event. */
  leanest: Placed;
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

function keep(best: Best | undefined, run: Placed): Best {
  if (!best) return { sustained: run.sustained, leanest: run };
  return {
    sustained: Math.max(best.sustained, run.sustained),
    leanest: sum(run.perEvent.redis) < sum(best.leanest.perEvent.redis) ? run : best.leanest,
  };
}

export const clusterSection: Section = {
  number: 9,
  title: `Redis Cluster: end to end (one process) on ${MASTERS} masters vs one Redis, same load`,
  run: async (ctx): Promise<SectionResult> => {
    const rounds = ctx.options.clusterRounds;
    const short = { ...ctx, options: { ...ctx.options, endToEndSeconds: ctx.options.clusterSeconds } };
    let single: Best | undefined;
    let cluster: Best | undefined;
    const notes: string[] = [];
    // rounds interleave the two, in turn first, and each keeps its best
    for (let round = 1; round <= rounds; round++) {
      const order = round % 2 ? ['single', 'cluster'] : ['cluster', 'single'];
      for (const target of order) {
        const suffix = rounds > 1 ? `, round ${round}` : '';
        if (target === 'single') {
          const run = await withPrivateRedis(async (redis) => {
            const measured = await runPipeline(short, redis, false, `one Redis${suffix}`);
            const owners = new Array<number>(measured.partitions).fill(0);
            return { ...measured, masters: redis.names, held: placement(measured, owners, 1) };
          });
          single = keep(single, run);
          if (round === 1) notes.push(`9 cluster, ${run.note}`);
        } else {
          const run = await withPrivateCluster(async (redis) => {
            const measured = await runPipeline(short, redis, false, `${MASTERS}-master cluster${suffix}`);
            const owners = await redis.partitionOwners(KEY_PREFIX, measured.partitions);
            return { ...measured, masters: redis.names, held: placement(measured, owners, MASTERS) };
          }, MASTERS);
          cluster = keep(cluster, run);
          if (round === 1) notes.push(`9 cluster, ${run.note}`);
        }
      }
    }
    const one = single as Best;
    const many = cluster as Best;
    const oneUs = sum(one.leanest.perEvent.redis);
    const share = ratio(many.sustained, one.sustained);
    const rows: Row[] = [
      {
        section: '9 cluster',
        figure: `HTTP → windows, batches of ${BATCH_EVENTS}, one process, ${MASTERS}-master cluster`,
        value: `${formatRate(many.sustained)} sustained`,
        baseline: `one Redis ${formatRate(one.sustained)}`,
        ratio: formatShare(share),
        aim: { text: `≥ ${formatCount(END_TO_END_AIM)} events/s`, met: many.sustained >= END_TO_END_AIM },
      },
      {
        ...redisCpuRow('9 cluster', `redis-server CPU per event, all ${MASTERS} masters`, many.leanest),
        baseline: `one Redis ${formatMicros(oneUs)}/event`,
        ratio: formatTimes(ratio(sum(many.leanest.perEvent.redis), oneUs)),
      },
      {
        section: '9 cluster',
        figure: `collector CPU per event, ${MASTERS}-master cluster`,
        value: `${formatMicros(many.leanest.perEvent.collector)}/event`,
        baseline: `one Redis ${formatMicros(one.leanest.perEvent.collector)}/event`,
        ratio: formatTimes(ratio(many.leanest.perEvent.collector, one.leanest.perEvent.collector)),
      },
      ...many.leanest.masters.map((name, i): Row => {
        const { sites, partitions } = many.leanest.held[i];
        const total = many.leanest.sites.length;
        // a master applies the events of the sites it holds: its CPU ÷ those events
        const own = sites ? (many.leanest.perEvent.redis[i] * total) / sites : Number.NaN;
        return {
          section: '9 cluster',
          figure: `redis-server CPU per event, ${name} (${sites} of ${total} sites, ${partitions} partitions)`,
          value: `${formatMicros(own)}/event of its sites (${formatCore(many.leanest.redisBusy[i])})`,
          baseline: `one Redis ${formatMicros(oneUs)}/event (${formatCore(one.leanest.redisBusy[0])})`,
          ratio: formatTimes(ratio(own, oneUs)),
          aim: { text: `≤ ${REDIS_CPU_AIM_US} µs`, met: own <= REDIS_CPU_AIM_US },
        };
      }),
    ];
    notes.push(
      `9 cluster: best of ${rounds} interleaved round(s), ${ctx.options.clusterSeconds} s of load each (+${ctx.options.warmupSeconds} s warm-up), a fresh Redis or cluster per run, every node append-only with fsync every second; Redis CPU per event from the start of the load until the last event was applied, the least of the rounds, a master's divided by the events of the sites it held; a master's share of a core is over the load. The collector's CPU per event includes ioredis's cluster client (a connection per master, slot routing).`,
    );
    return { rows, notes };
  },
};
