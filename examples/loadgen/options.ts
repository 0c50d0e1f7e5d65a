/**
 * The traffic generator's command line: one options object with documented defaults, validated here
 * at the boundary so the rest of the generator can trust it.
 */
import { parseArgs } from 'node:util';
import * as v from 'valibot';
import { SiteIdSchema } from '../../collector/src/protocol/schema.js';

export interface LoadgenOptions {
  /** Collector base URL; events go to `<url>/ingest`. @default 'http://localhost:8787' */
  url: string;
  /** Site id the events belong to. @default 'demo-shop' */
  site: string;
  /** Events per second, held steady by the clock (open loop). @default 500 */
  rate: number;
  /** Seconds to run. @default 60 */
  duration: number;
  /** Visitor population: distinct visitor ids, each with at most one session at a time. @default 1000 */
  visitors: number;
  /** Events per request at most (the SDK sends a few per request; bigger batches mean fewer requests). @default 10 */
  batch: number;
  /** Connections kept open to the collector; in `max` mode, also the requests in flight. @default 64 */
  connections: number;
  /** Closed loop: send as fast as the collector answers, ignoring `rate`. @default false */
  max: boolean;
  /** Origin of the simulated shop: page URLs and the `Origin` header. @default 'http://localhost:8788' */
  origin: string;
  /** Seed of the shopper model, to replay the same journeys. @default random */
  seed: number;
  /** A request that has not been answered after this many ms (queueing included) fails. @default 10000 */
  timeoutMs: number;
}

export function defaultLoadgenOptions(): LoadgenOptions {
  return {
    url: 'http://localhost:8787',
    site: 'demo-shop',
    rate: 500,
    duration: 60,
    visitors: 1000,
    batch: 10,
    connections: 64,
    max: false,
    origin: 'http://localhost:8788',
    seed: Math.floor(Math.random() * 2 ** 31),
    timeoutMs: 10_000,
  };
}

export const HELP = `Cartpulse traffic generator: simulated shoppers sending real events to a collector.

Usage: npm run loadgen -- [options]

  --url <url>          collector base URL (default http://localhost:8787)
  --site <id>          site id (default demo-shop)
  --rate <n>           events per second, held steady by the clock (default 500)
  --duration <s>       seconds to run (default 60)
  --visitors <n>       visitor population; at most this many sessions at once (default 1000)
  --batch <n>          events per request at most, 1-500 (default 10)
  --connections <n>    connections to the collector; with --max, requests in flight (default 64)
  --max                ignore --rate and send as fast as the collector answers
  --origin <url>       the simulated shop's origin: page URLs and Origin header
                       (default http://localhost:8788, the demo storefront)
  --seed <n>           replay the same shoppers (default random)
  --timeout <ms>       fail a request unanswered after this long (default 10000)
  -h, --help           show this help

Example: npm run loadgen -- --url http://localhost:8787 --rate 2000 --duration 60 --visitors 5000 --site demo-shop

Exit status: 0 when every request was answered 202 and no event was rejected, 1 otherwise, 2 on bad options.`;

export type ParsedArgs = { help: true } | { help: false; options: LoadgenOptions };

/** Parses and checks the command line; throws an Error whose message is meant for the user. */
export function parseLoadgenArgs(argv: string[], defaults = defaultLoadgenOptions()): ParsedArgs {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      url: { type: 'string' },
      site: { type: 'string' },
      rate: { type: 'string' },
      duration: { type: 'string' },
      visitors: { type: 'string' },
      batch: { type: 'string' },
      connections: { type: 'string' },
      max: { type: 'boolean' },
      origin: { type: 'string' },
      seed: { type: 'string' },
      timeout: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return { help: true };
  if (positionals.length) throw new Error(`unexpected argument "${positionals[0]}"`);
  const number = (name: string, raw: string | undefined, fallback: number, min: number, max = Infinity) => {
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(value) || value < min || value > max)
      throw new Error(
        `--${name} must be a number from ${min}${max === Infinity ? ' up' : ` to ${max}`}, not "${raw}"`,
      );
    return value;
  };
  const integer = (name: string, raw: string | undefined, fallback: number, min: number, max = Infinity) => {
    const value = number(name, raw, fallback, min, max);
    if (!Number.isInteger(value)) throw new Error(`--${name} must be a whole number, not "${raw}"`);
    return value;
  };
  const options: LoadgenOptions = {
    url: httpUrl('url', values.url ?? defaults.url).replace(/\/+$/, ''),
    site: values.site ?? defaults.site,
    rate: number('rate', values.rate, defaults.rate, 0.001),
    duration: number('duration', values.duration, defaults.duration, 0.001),
    visitors: integer('visitors', values.visitors, defaults.visitors, 1),
    batch: integer('batch', values.batch, defaults.batch, 1, 500),
    connections: integer('connections', values.connections, defaults.connections, 1, 10_000),
    max: values.max ?? defaults.max,
    origin: new URL(httpUrl('origin', values.origin ?? defaults.origin)).origin,
    seed: integer('seed', values.seed, defaults.seed, 0, 2 ** 32 - 1),
    timeoutMs: integer('timeout', values.timeout, defaults.timeoutMs, 1),
  };
  if (!v.is(SiteIdSchema, options.site))
    throw new Error(`--site must be 1-64 letters, digits, ".", "_", ":" or "-", not "${options.site}"`);
  return { help: false, options };
}

function httpUrl(name: string, raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`--${name} must be a URL such as http://localhost:8787, not "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(`--${name} must be http or https`);
  return raw;
}
