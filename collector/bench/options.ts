/** The bench's sizes: the full run (`npm run bench`, a few minutes) and `--quick` (a smoke run of ~80 s). */

export interface BenchOptions {
  quick: boolean;
  /** Sections to run, 1 to `SECTION_COUNT`. @default all */
  sections: number[];
  /** Concurrent keep-alive connections of the load driver. @default 32 */
  connections: number;
  /** Warm-up before each throughput measurement, not counted. @default 1 s (quick 0.5 s) */
  warmupSeconds: number;
  /** Length of each ingest measurement. @default 4 s (quick 1 s) */
  ingestSeconds: number;
  /** Interleaved rounds of the ingest cases; each case keeps its best. @default 2 (quick 1) */
  ingestRounds: number;
  /** Events pre-filled in the streams before the consumer is timed. @default 1,000,000 (quick 100,000) */
  consumerEvents: number;
  /** Length of the end-to-end load. @default 15 s (quick 3 s) */
  endToEndSeconds: number;
  /**
   * Interleaved rounds of the two fsync settings, each keeping its best: more and shorter than section 3's
   * runs, since disk and CPU noise hits `always` harder than `everysec`. @default 4 (quick 1)
   */
  fsyncRounds: number;
  /** Length of each end-to-end load of the fsync section. @default 6 s (quick 3 s) */
  fsyncSeconds: number;
  /** POST → snapshot probes. @default 300 (quick 50) */
  latencyProbes: number;
  /** Background load during the probes, requests/s of 20 events. @default 100 */
  backgroundRequestsPerSecond: number;
  /** Events written for the memory figures. @default 1,000,000 (quick 100,000) */
  memoryEvents: number;
  /** Active visitors in the snapshot section's large site. @default 100,000 (quick 20,000) */
  snapshotVisitors: number;
  /** Events in the snapshot section's large site. @default 1,000,000 (quick 100,000) */
  snapshotEvents: number;
  /** Snapshot reads (and PINGs) timed per case. @default 2,000 (quick 300) */
  snapshotReads: number;
  /** Live-dashboard viewers, one SSE stream per site, each on a site of its own. @default 1,000 (quick 100) */
  viewers: number;
  /**
   * Length of each measurement of the live-dashboard section. The full run's 10 s spans one window edge
   * (every 10 s), when every watched site is read. @default 10 s (quick 3 s)
   */
  viewerSeconds: number;
  /** Interleaved rounds with and without viewers; each keeps its best. @default 2 (quick 1) */
  viewerRounds: number;
  /** Background ingest while the viewers watch, events/s in batches of 1 over their sites. @default 200 */
  viewerEventsPerSecond: number;
  /** Length of each end-to-end load on one Redis and on the cluster. @default 8 s (quick 3 s) */
  clusterSeconds: number;
  /** Interleaved rounds of one Redis and the cluster; each keeps its best. @default 2 (quick 1) */
  clusterRounds: number;
  /** Events drained with breakdowns on, and again off. @default 300,000 (quick 50,000) */
  breakdownEvents: number;
  /** Events of the one shop whose day the day-memory section writes. @default 1,000,000 (quick 100,000) */
  dayEvents: number;
  /** Visitors those events come from. @default 100,000 (quick 10,000) */
  dayVisitors: number;
}

/** Sections are numbered 1 to this. */
export const SECTION_COUNT = 11;

export function benchOptions(quick: boolean): BenchOptions {
  return {
    quick,
    sections: Array.from({ length: SECTION_COUNT }, (_, i) => i + 1),
    connections: 32,
    warmupSeconds: quick ? 0.5 : 1,
    ingestSeconds: quick ? 1 : 4,
    ingestRounds: quick ? 1 : 2,
    consumerEvents: quick ? 100_000 : 1_000_000,
    endToEndSeconds: quick ? 3 : 15,
    fsyncRounds: quick ? 1 : 4,
    fsyncSeconds: quick ? 3 : 6,
    latencyProbes: quick ? 50 : 300,
    backgroundRequestsPerSecond: 100,
    memoryEvents: quick ? 100_000 : 1_000_000,
    snapshotVisitors: quick ? 20_000 : 100_000,
    snapshotEvents: quick ? 100_000 : 1_000_000,
    snapshotReads: quick ? 300 : 2_000,
    viewers: quick ? 100 : 1_000,
    viewerSeconds: quick ? 3 : 10,
    viewerRounds: quick ? 1 : 2,
    viewerEventsPerSecond: 200,
    clusterSeconds: quick ? 3 : 8,
    clusterRounds: quick ? 1 : 2,
    breakdownEvents: quick ? 50_000 : 300_000,
    dayEvents: quick ? 100_000 : 1_000_000,
    dayVisitors: quick ? 10_000 : 100_000,
  };
}

export const USAGE = `Usage: npm run bench -- [--quick] [--only 1,3]

  --quick       smaller sizes and shorter runs (~80 s), for a smoke run
  --only LIST   run only these sections: 1 ingest, 2 consumer, 3 end to end, 4 latency, 5 memory, 6 snapshot,
                7 fsync (always vs everysec), 8 live dashboards, 9 Redis Cluster, 10 breakdowns on vs off,
                11 a shop's day in memory`;

/** `['--quick', '--only', '1,3']` → options; throws with the usage on anything else. */
export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const quick = argv.includes('--quick');
  const options = benchOptions(quick);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--quick') continue;
    const only = arg.startsWith('--only=') ? arg.slice(7) : arg === '--only' ? argv[++i] : undefined;
    if (only === undefined) throw new Error(`unknown argument "${arg}"\n\n${USAGE}`);
    const sections = only.split(',').map(Number);
    if (!sections.length || sections.some((n) => !Number.isInteger(n) || n < 1 || n > SECTION_COUNT))
      throw new Error(`--only takes section numbers 1-${SECTION_COUNT}, got "${only}"\n\n${USAGE}`);
    options.sections = sections;
  }
  return options;
}
