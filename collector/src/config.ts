/**
 * Every knob of a Cartpulse process, in one options object with documented defaults.
 * `optionsFromEnv` maps the public environment variables onto it (see README, "Configuration").
 */
import { randomBytes } from 'node:crypto';
import { defaultAlertSecret } from './alerts/payload.js';

export interface CartpulseOptions {
  /** Redis connection URL. `npm start` starts a private redis-server when it is absent. */
  redisUrl: string;
  /**
   * Redis Cluster nodes (`host:port`, some or all): when given, Cartpulse uses the cluster and not
   * `redisUrl`. From `REDIS_CLUSTER_NODES="10.0.0.1:6379,10.0.0.2:6379"`. @default []
   */
  clusterNodes: string[];
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
   * (`{p3}`), so one partition lives on one Redis Cluster shard, and consumers share them out. Fixed for
   * the life of a deployment (the setup marker records it; another count is refused at start). 64
   * spreads over a 16-shard cluster, four or so per shard. @default 64
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
  /**
   * Break live traffic down by channel, source, campaign, country, device, browser, OS and entry page,
   * and keep each row's windows for the filtered view. They cost Redis writes and memory (see the README's
   * Benchmarks); off, the snapshot's `breakdowns` lists are empty and `filter` is refused. From
   * `CARTPULSE_BREAKDOWNS=on|off`. @default true
   */
  breakdowns: boolean;
  /** Trust `X-Forwarded-For` for the client IP (only behind your own proxy). @default false */
  trustProxy: boolean;
  /**
   * Origins allowed to send events, per site; a site not listed accepts any origin.
   * From `CARTPULSE_ALLOWED_ORIGINS="shop=https://shop.example,https://www.shop.example;other=https://o.example"`.
   * @default {} (any origin: development)
   */
  allowedOrigins: Record<string, string[]>;
  /**
   * Site ids or glob patterns (`shop-*`; `*` is any site, for local trials) accepted besides the
   * registered sites. From `CARTPULSE_SITES="demo-shop,shop-*"`. @default []
   */
  sites: string[];
  /** How often (ms) each process re-reads the site registry and checks that Redis kept its data. @default 1000 */
  registryRefreshMs: number;
  /**
   * Events per second one collector accepts for one site (token bucket, two seconds of burst); a site's
   * registration may set its own. Over it: `429` with `Retry-After`. From `CARTPULSE_RATE_LIMIT`. @default 1000
   */
  rateLimit: number;
  /** Start even when Redis may evict keys (`maxmemory-policy` other than `noeviction`). @default false */
  allowEviction: boolean;
  /**
   * When the private redis-server of `npm start` fsyncs its append-only file: `always` (a 202 means on
   * disk) or `everysec` (a power cut may lose the last second). From `CARTPULSE_FSYNC`. @default 'always'
   */
  fsync: 'always' | 'everysec';
  /** Bytes of an invalid event's raw JSON kept in the dead-letter stream (the rest is cut). @default 1024 */
  dlqRawBytes: number;
  /** Log level: fatal, error, warn, info, debug, trace or silent. From `LOG_LEVEL`. @default 'info' */
  logLevel: string;
  /**
   * How long a consumer's claim on a partition lasts without renewal (it renews every third of it): a
   * consumer that dies leaves its partitions to the others after this long. From `CARTPULSE_LEASE_MS`.
   * @default 10000
   */
  leaseMs: number;
  /** Entries claimed from a consumer that has been silent this long (ms) are processed by another. @default 30000 */
  claimIdleMs: number;
  /** Processing attempts before an entry goes to the dead-letter stream. @default 5 */
  maxAttempts: number;
  /** Entries read per XREADGROUP call. @default 200 */
  readCount: number;
  /** Entries kept per dead-letter stream (approximate cap, oldest dropped). From `CARTPULSE_DLQ_MAX_LENGTH`. @default 1000 */
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
  /**
   * How often the collector holding the alert lease evaluates every alert rule (one collector of a
   * deployment evaluates; the others stand by). From `CARTPULSE_ALERT_INTERVAL_MS`, at most 30 s.
   * @default 15000
   */
  alertIntervalMs: number;
  /**
   * After an alert's episode resolves, the same rule does not fire again for this long. From
   * `CARTPULSE_ALERT_COOLDOWN_MS`. @default 600000 (10 minutes)
   */
  alertCooldownMs: number;
  /**
   * Key of the `X-Cartpulse-Signature` HMAC on alert webhooks. From `CARTPULSE_ALERT_SECRET`.
   * @default hex HMAC-SHA256 of `cartpulse alert signature v1` keyed with the token (alerts/payload.ts)
   */
  alertSecret: string;
  /**
   * The address people open the dashboard at, for links in alerts and the start-up line. From
   * `CARTPULSE_PUBLIC_URL`. @default '' (`http://localhost:<port>`)
   */
  publicUrl: string;
  /** The process clock, epoch ms. Tests inject a simulated one. @default Date.now */
  clock: () => number;
}

export const MINUTE = 60_000;

export function defaultOptions(): CartpulseOptions {
  return {
    redisUrl: '',
    clusterNodes: [],
    port: 8787,
    host: '0.0.0.0',
    token: randomBytes(18).toString('base64url'),
    consumer: true,
    partitions: 64,
    keyPrefix: 'cp',
    group: 'cartpulse',
    consumerName: `${process.env.HOSTNAME ?? 'consumer'}-${process.pid}`,
    windows: { activeMs: 5 * MINUTE, pagesMs: 15 * MINUTE, commerceMs: 15 * MINUTE },
    granularityMs: 10_000,
    seriesMinutes: 60,
    sessionTimeoutMs: 30 * MINUTE,
    breakdowns: true,
    trustProxy: false,
    allowedOrigins: {},
    sites: [],
    registryRefreshMs: 1000,
    rateLimit: 1000,
    allowEviction: false,
    fsync: 'always',
    dlqRawBytes: 1024,
    logLevel: 'info',
    claimIdleMs: 30_000,
    leaseMs: 10_000,
    maxAttempts: 5,
    readCount: 200,
    dlqMaxLength: 1_000,
    retryAfterSeconds: 5,
    metricsPort: 9464,
    metricsPublic: false,
    metricsTopSites: 10,
    alertIntervalMs: 15_000,
    alertCooldownMs: 10 * MINUTE,
    alertSecret: '',
    publicUrl: '',
    clock: Date.now,
  };
}

/** A configuration mistake, said in one sentence that names the variable or option. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Options over the defaults, checked: a wrong value is a ConfigError, never a NaN further down. */
export function resolveOptions(overrides: Partial<CartpulseOptions> = {}): CartpulseOptions {
  const options = { ...defaultOptions(), ...overrides };
  options.windows = { ...defaultOptions().windows, ...overrides.windows };
  validateOptions(options);
  options.alertSecret ||= defaultAlertSecret(options.token);
  return options;
}

function validateOptions(options: CartpulseOptions): void {
  const integer = (name: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER) => {
    if (!Number.isInteger(value) || value < min || value > max)
      throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, not ${value}`);
  };
  integer('port', options.port, 0, 65535);
  integer('metricsPort', options.metricsPort, 0, 65535);
  integer('partitions', options.partitions, 1, 16384);
  integer('granularityMs', options.granularityMs, 1000);
  integer('seriesMinutes', options.seriesMinutes, 1, 24 * 60);
  integer('sessionTimeoutMs', options.sessionTimeoutMs, 1000);
  integer('claimIdleMs', options.claimIdleMs, 100);
  integer('leaseMs', options.leaseMs, 300);
  integer('maxAttempts', options.maxAttempts, 1);
  integer('readCount', options.readCount, 1, 100_000);
  integer('dlqMaxLength', options.dlqMaxLength, 1);
  integer('dlqRawBytes', options.dlqRawBytes, 16);
  integer('retryAfterSeconds', options.retryAfterSeconds, 1);
  integer('metricsTopSites', options.metricsTopSites, 0, 1000);
  integer('registryRefreshMs', options.registryRefreshMs, 10);
  integer('alertIntervalMs', options.alertIntervalMs, 10, 30_000);
  integer('alertCooldownMs', options.alertCooldownMs, 0, 7 * 24 * 60 * MINUTE);
  if (options.publicUrl && !/^https?:\/\/[^/]/.test(options.publicUrl))
    throw new ConfigError(`publicUrl must be an http:// or https:// address, not "${options.publicUrl}"`);
  if (!(options.rateLimit > 0))
    throw new ConfigError(`rateLimit must be a positive number of events per second`);
  if (!['always', 'everysec'].includes(options.fsync))
    throw new ConfigError(`fsync must be "always" or "everysec", not "${options.fsync}"`);
  if (!LOG_LEVELS.includes(options.logLevel))
    throw new ConfigError(`logLevel must be one of ${LOG_LEVELS.join(', ')}, not "${options.logLevel}"`);
  if (!options.token) throw new ConfigError('token must not be empty');
  for (const [name, ms] of Object.entries(options.windows)) {
    if (!Number.isInteger(ms) || ms <= 0 || ms % options.granularityMs !== 0)
      throw new ConfigError(
        `window ${name} (${ms} ms) must be a positive multiple of granularityMs (${options.granularityMs} ms)`,
      );
  }
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

/** Reads one variable: a whole number in a range, or a ConfigError that names the variable. */
function envInteger(env: NodeJS.ProcessEnv, name: string, min: number, max = Number.MAX_SAFE_INTEGER) {
  const text = env[name]?.trim();
  if (text === undefined || text === '') return undefined;
  const value = Number(text);
  if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(value) || value < min || value > max)
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, not "${env[name]}"`);
  return value;
}

function envFlag(env: NodeJS.ProcessEnv, name: string) {
  const text = env[name]?.trim().toLowerCase();
  if (text === undefined || text === '') return undefined;
  if (['1', 'true', 'yes', 'on'].includes(text)) return true;
  if (['0', 'false', 'no', 'off'].includes(text)) return false;
  throw new ConfigError(`${name} must be 1 or 0, not "${env[name]}"`);
}

function envChoice<T extends string>(env: NodeJS.ProcessEnv, name: string, choices: readonly T[]) {
  const text = env[name]?.trim().toLowerCase();
  if (text === undefined || text === '') return undefined;
  if (!(choices as readonly string[]).includes(text))
    throw new ConfigError(`${name} must be one of ${choices.join(', ')}, not "${env[name]}"`);
  return text as T;
}

/** Options from the environment; unset variables keep their defaults, wrong ones are a ConfigError. */
export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<CartpulseOptions> {
  const options: Partial<CartpulseOptions> = {};
  const set = <K extends keyof CartpulseOptions>(key: K, value: CartpulseOptions[K] | undefined) => {
    if (value !== undefined) options[key] = value;
  };
  const minutes = (name: string) => {
    const value = envInteger(env, name, 1, 24 * 60);
    return value === undefined ? undefined : value * MINUTE;
  };
  if (env.REDIS_URL) options.redisUrl = env.REDIS_URL;
  if (env.REDIS_CLUSTER_NODES) {
    options.clusterNodes = env.REDIS_CLUSTER_NODES.split(',')
      .map((node) => node.trim())
      .filter(Boolean);
    for (const node of options.clusterNodes)
      if (!/^[^:\s]+:\d{1,5}$/.test(node))
        throw new ConfigError(
          `REDIS_CLUSTER_NODES must list host:port pairs separated by commas, not "${node}"`,
        );
  }
  set('port', envInteger(env, 'PORT', 0, 65535));
  if (env.HOST) options.host = env.HOST;
  if (env.CARTPULSE_TOKEN) options.token = env.CARTPULSE_TOKEN;
  set('partitions', envInteger(env, 'CARTPULSE_PARTITIONS', 1, 16384));
  if (env.CARTPULSE_CONSUMER_NAME) options.consumerName = env.CARTPULSE_CONSUMER_NAME;
  set('consumer', envFlag(env, 'CARTPULSE_CONSUMER'));
  set('trustProxy', envFlag(env, 'CARTPULSE_TRUST_PROXY'));
  set('breakdowns', envFlag(env, 'CARTPULSE_BREAKDOWNS'));
  if (env.CARTPULSE_ALLOWED_ORIGINS)
    options.allowedOrigins = parseAllowedOrigins(env.CARTPULSE_ALLOWED_ORIGINS);
  if (env.CARTPULSE_SITES)
    options.sites = env.CARTPULSE_SITES.split(',')
      .map((site) => site.trim())
      .filter(Boolean);
  set('claimIdleMs', envInteger(env, 'CARTPULSE_CLAIM_IDLE_MS', 100));
  set('leaseMs', envInteger(env, 'CARTPULSE_LEASE_MS', 300));
  set('rateLimit', envInteger(env, 'CARTPULSE_RATE_LIMIT', 1));
  set('dlqMaxLength', envInteger(env, 'CARTPULSE_DLQ_MAX_LENGTH', 1));
  set('dlqRawBytes', envInteger(env, 'CARTPULSE_DLQ_RAW_BYTES', 16));
  set('allowEviction', envFlag(env, 'CARTPULSE_ALLOW_EVICTION'));
  set('fsync', envChoice(env, 'CARTPULSE_FSYNC', ['always', 'everysec'] as const));
  set('logLevel', envChoice(env, 'LOG_LEVEL', LOG_LEVELS));
  set('metricsPort', envInteger(env, 'METRICS_PORT', 0, 65535));
  set('metricsPublic', envFlag(env, 'CARTPULSE_METRICS_PUBLIC'));
  set('metricsTopSites', envInteger(env, 'CARTPULSE_METRICS_TOP_SITES', 0, 1000));
  set('alertIntervalMs', envInteger(env, 'CARTPULSE_ALERT_INTERVAL_MS', 1000, 30_000));
  set('alertCooldownMs', envInteger(env, 'CARTPULSE_ALERT_COOLDOWN_MS', 0, 7 * 24 * 60 * MINUTE));
  if (env.CARTPULSE_ALERT_SECRET) options.alertSecret = env.CARTPULSE_ALERT_SECRET;
  if (env.CARTPULSE_PUBLIC_URL) {
    options.publicUrl = env.CARTPULSE_PUBLIC_URL.trim().replace(/\/+$/, '');
    if (!/^https?:\/\/[^/]/.test(options.publicUrl))
      throw new ConfigError(
        `CARTPULSE_PUBLIC_URL must be an http:// or https:// address, not "${env.CARTPULSE_PUBLIC_URL}"`,
      );
  }
  const windows = {
    activeMs: minutes('CARTPULSE_ACTIVE_WINDOW_MINUTES'),
    pagesMs: minutes('CARTPULSE_PAGES_WINDOW_MINUTES'),
    commerceMs: minutes('CARTPULSE_COMMERCE_WINDOW_MINUTES'),
  };
  const given = Object.fromEntries(Object.entries(windows).filter(([, value]) => value !== undefined));
  if (Object.keys(given).length) options.windows = given as CartpulseOptions['windows'];
  return options;
}
