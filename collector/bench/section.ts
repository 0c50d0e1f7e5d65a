/** What every bench section gets and gives back. */
import { type RunningCartpulse, type StartHooks, startCartpulse } from '../src/server.js';
import type { CartpulseOptions } from '../src/config.js';
import type { BenchOptions } from './options.js';
import type { Row } from './table.js';

export interface BenchContext {
  options: BenchOptions;
  /** Prints a progress line at once. */
  log(line: string): void;
  /**
   * Raw figures a section leaves for later ones, e.g. the ingest-only rate that the end-to-end figure is
   * compared with (in events/s, ms or bytes, as the name says).
   */
  figures: Map<string, number>;
}

export interface SectionResult {
  rows: Row[];
  /** Lines printed under the table: what dominates, what limited a figure. */
  notes: string[];
}

export interface Section {
  number: number;
  title: string;
  run(ctx: BenchContext): Promise<SectionResult>;
}

/** A browser's User-Agent: Node's own is (rightly) classified as a bot, and bots short-circuit ingest. */
export const BROWSER_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

/**
 * Admission for the bench's shops, spread into every options object that meets their events: any site
 * without registration, and a rate limit far above the load, so that a refusal never sets a figure.
 */
export const BENCH_ADMISSION = { sites: ['*'], rateLimit: 1e9 } satisfies Partial<CartpulseOptions>;

/** A Cartpulse for a bench case: on a free port of loopback, the bench's token and admission. */
export function startBenchCartpulse(
  overrides: Partial<CartpulseOptions> & { redisUrl: string },
  hooks?: StartHooks,
): Promise<RunningCartpulse> {
  return startCartpulse(
    { port: 0, host: '127.0.0.1', token: 'bench', ...BENCH_ADMISSION, ...overrides },
    hooks,
  );
}
