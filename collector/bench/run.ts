/**
 * `npm run bench [-- --quick] [-- --only 1,3]`: the collector's speed, each figure beside a baseline
 * measured in the same run on the same machine. Not a test: it prints numbers (see README, "Benchmarks").
 */
import { spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { breakdownsSection } from './breakdowns.js';
import { clusterSection } from './cluster.js';
import { consumerSection } from './consumer.js';
import { dashboardsSection } from './dashboards.js';
import { dayMemorySection } from './day-memory.js';
import { endToEndSection } from './end-to-end.js';
import { fsyncSection } from './fsync.js';
import { ingestSection } from './ingest.js';
import { latencySection } from './latency.js';
import { memorySection } from './memory.js';
import { parseBenchArgs } from './options.js';
import type { BenchContext, Section } from './section.js';
import { snapshotSection } from './snapshot-read.js';
import { formatTable, type Row } from './table.js';

const SECTIONS: Section[] = [
  ingestSection,
  consumerSection,
  endToEndSection,
  latencySection,
  memorySection,
  snapshotSection,
  fsyncSection,
  dashboardsSection,
  clusterSection,
  breakdownsSection,
  dayMemorySection,
];

function machine(): string {
  const redis = spawnSync('redis-server', ['--version'], { encoding: 'utf8' }).stdout;
  const version = /v=(\S+)/.exec(redis ?? '')?.[1] ?? 'unknown';
  return `${cpus().length} cores (${cpus()[0]?.model.trim()}), Node ${process.versions.node}, Redis ${version}`;
}

async function main() {
  let options: ReturnType<typeof parseBenchArgs>;
  try {
    options = parseBenchArgs(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 2;
    return;
  }
  const started = performance.now();
  console.log(`Cartpulse bench${options.quick ? ' (quick)' : ''}: ${machine()}`);
  const ctx: BenchContext = {
    options,
    log: (line) => console.log(`  ${line}`),
    figures: new Map(),
  };
  const rows: Row[] = [];
  const notes: string[] = [];
  for (const section of SECTIONS.filter((s) => options.sections.includes(s.number))) {
    console.log(`\n${section.number}. ${section.title}`);
    const sectionStarted = performance.now();
    const result = await section.run(ctx);
    rows.push(...result.rows);
    notes.push(...result.notes);
    ctx.log(`(${((performance.now() - sectionStarted) / 1000).toFixed(0)} s)`);
  }
  console.log(`\n${formatTable(rows)}\n`);
  for (const note of notes) console.log(note);
  console.log(`\nTotal ${((performance.now() - started) / 1000).toFixed(0)} s. ${machine()}.`);
}

await main();
