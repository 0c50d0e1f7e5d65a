/**
 * Every knob of a Cartpulse process, in one options object with documented defaults.
 * `optionsFromEnv` maps the public environment variables onto it (see README, "Configuration").
 */
import { randomBytes } from 'node:crypto';

export interface CartpulseOptions {
  /** Redis connection URL. `npm start` starts a private redis-server when it is absent. */
  redisUrl: string;
  /** HTTP port; 0 picks a free one. @default 8787 */
  port: number;
  /** HTTP host to bind. @default '0.0.0.0' */
  host: string;
  /** Bearer token for the realtime API, the dashboard and /metrics. @default random, printed at start */
  token: string;
  /** Run the aggregation consumer inside this process. @default true */
  consumer: boolean;
  /**
   * Stream partitions. Sites map to partitions by hash; every key of a partition shares its hash tag
   * (`{p3}`), so one partition lives on one Redis Cluster shard. Fixed for the life of a deployment.
   * @default 8
   */
  partitions: number;
  /** Prefix of every Redis key. @default 'cp' */
  keyPrefix: string;
  /** Consumer group name. @default 'cartpulse' */
  group: string;
  /** This consumer's name in the group. @default `<hostname>-<pid>` */
  consumerName: string;
  /** Window lengths in ms: active users and sessions, pageviews and top pages, e-commerce. */
  windows: { activeMs: number; pagesMs: number; commerceMs: number };
  /** Window edges move in steps of this many ms. @default 10000 */
  granularityMs: number;
  /** Minutes in the per-minute series. @default 60 */
  seriesMinutes: number;
  /** Inactivity that ends a derived (cookieless) session. @default 30 min */
  sessionTimeoutMs: number;
  /** Trust `X-Forwarded-For` for the client IP (only behind your own proxy). @default false */
  trustProxy: boolean;
  /**
   * Origins allowed to send events, per site; a site not listed accepts any origin.
   * From `CARTPULSE_ALLOWED_ORIGINS="shop=https://shop.example,https://www.shop.example;other=https://o.example"`.
   * @default {} (any origin: development)
   */
  allowedOrigins: Record<string, string[]>;
  /** Entries claimed from a consumer that has been silent this long (ms) are processed by another. @default 30000 */
  claimIdleMs: number;
  /** Processing attempts before an entry goes to the dead-letter stream. @default 5 */
  maxAttempts: number;
  /** Entries read per XREADGROUP call. @default 200 */
  readCount: number;
  /** Entries kept per dead-letter stream (approximate cap, oldest dropped). @default 1000000 */
  dlqMaxLength: number;
  /** Seconds a client is told to wait (Retry-After) when Redis is unreachable. @default 5 */
  retryAfterSeconds: number;
  /**
   * Port of the metrics server of a standalone consumer (`cartpulse consumer`: `/metrics`, `/healthz`,
   * `/readyz`); the collector serves `/metrics` on its own port. 0 picks a free one. From `METRICS_PORT`.
   * @default 9464
   */
  metricsPort: number;
  /**
   * Answer `/metrics` without the Bearer token. Only for a private network that nothing else reaches.
   * From `CARTPULSE_METRICS_PUBLIC=1`. @default false
   */
  metricsPublic: boolean;
  /**
   * Sites exported one by one in `cartpulse_site_active_users{site}`: the N with the most active users;
   * 0 exports the total (`cartpulse_active_users`) only. From `CARTPULSE_METRICS_TOP_SITES`. @default 10
   */
  metricsTopSites: number;
  /** The process clock, epoch ms. Tests inject a simulated one. @default Date.now */
  clock: () => number;
}

export const MINUTE = 60_000;

export function defaultOptions(): CartpulseOptions {
  return {
    redisUrl: '',
    port: 8787,
    host: '0.0.0.0',
    token: randomBytes(18).toString('base64url'),
    consumer: true,
    partitions: 8,
    keyPrefix: 'cp',
    group: 'cartpulse',
    consumerName: `${process.env.HOSTNAME ?? 'consumer'}-${process.pid}`,
    windows: { activeMs: 5 * MINUTE, pagesMs: 15 * MINUTE, commerceMs: 15 * MINUTE },
    granularityMs: 10_000,
    seriesMinutes: 60,
    sessionTimeoutMs: 30 * MINUTE,
    trustProxy: false,
    allowedOrigins: {},
    claimIdleMs: 30_000,
    maxAttempts: 5,
    readCount: 200,
    dlqMaxLength: 1_000_000,
    retryAfterSeconds: 5,
    metricsPort: 9464,
    metricsPublic: false,
    metricsTopSites: 10,
    clock: Date.now,
  };
}

export function resolveOptions(overrides: Partial<CartpulseOptions> = {}): CartpulseOptions {
  const options = { ...defaultOptions(), ...overrides };
  options.windows = { ...defaultOptions().windows, ...overrides.windows };
  for (const [name, ms] of Object.entries(options.windows)) {
    if (ms % options.granularityMs !== 0 || ms <= 0)
      throw new Error(`window ${name} (${ms} ms) must be a positive multiple of granularityMs`);
  }
  return options;
}

/** `shop=https://a,https://b;other=https://c` → `{ shop: [...], other: [...] }` */
export function parseAllowedOrigins(text: string | undefined): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const part of (text ?? '').split(';')) {
    const [site, origins] = part.split('=');
    if (!site?.trim() || !origins) continue;
    result[site.trim()] = origins
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean);
  }
  return result;
}

const number = (value: string | undefined) =>
  value === undefined || value === '' ? undefined : Number(value);
const flag = (value: string | undefined) => value === '1' || value === 'true' || value === 'yes';

/** Options from the environment; unset variables keep their defaults. */
export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<CartpulseOptions> {
  const options: Partial<CartpulseOptions> = {};
  const minutes = (name: string) => {
    const value = number(env[name]);
    return value === undefined ? undefined : value * MINUTE;
  };
  if (env.REDIS_URL) options.redisUrl = env.REDIS_URL;
  if (env.PORT) options.port = Number(env.PORT);
  if (env.HOST) options.host = env.HOST;
  if (env.CARTPULSE_TOKEN) options.token = env.CARTPULSE_TOKEN;
  if (env.CARTPULSE_PARTITIONS) options.partitions = Number(env.CARTPULSE_PARTITIONS);
  if (env.CARTPULSE_CONSUMER_NAME) options.consumerName = env.CARTPULSE_CONSUMER_NAME;
  if (env.CARTPULSE_CONSUMER) options.consumer = flag(env.CARTPULSE_CONSUMER);
  if (env.CARTPULSE_TRUST_PROXY) options.trustProxy = flag(env.CARTPULSE_TRUST_PROXY);
  if (env.CARTPULSE_ALLOWED_ORIGINS)
    options.allowedOrigins = parseAllowedOrigins(env.CARTPULSE_ALLOWED_ORIGINS);
  if (env.CARTPULSE_CLAIM_IDLE_MS) options.claimIdleMs = Number(env.CARTPULSE_CLAIM_IDLE_MS);
  if (env.METRICS_PORT) options.metricsPort = Number(env.METRICS_PORT);
  if (env.CARTPULSE_METRICS_PUBLIC) options.metricsPublic = flag(env.CARTPULSE_METRICS_PUBLIC);
  if (env.CARTPULSE_METRICS_TOP_SITES) options.metricsTopSites = Number(env.CARTPULSE_METRICS_TOP_SITES);
  const windows = {
    activeMs: minutes('CARTPULSE_ACTIVE_WINDOW_MINUTES'),
    pagesMs: minutes('CARTPULSE_PAGES_WINDOW_MINUTES'),
    commerceMs: minutes('CARTPULSE_COMMERCE_WINDOW_MINUTES'),
  };
  const set = Object.fromEntries(Object.entries(windows).filter(([, value]) => value !== undefined));
  if (Object.keys(set).length) options.windows = set as CartpulseOptions['windows'];
  return options;
}
