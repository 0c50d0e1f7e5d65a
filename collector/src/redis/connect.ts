import type { Logger } from '../log.js';
import { createClient, describeTarget, type RedisClient, type RedisTarget } from './client.js';
import { redactUrl } from './errors.js';

export interface ConnectOptions {
  /**
   * Send the commands of one event-loop tick in one write (the producer: under load, many requests'
   * XADDs leave together, which saves system calls here and in Redis). @default false
   */
  autoPipelining?: boolean;
  /** Where an outage and the recovery are logged, once each. */
  log?: Logger;
  /** What the connection is for, in those log lines. @default 'redis' */
  name?: string;
  /** How long to wait for the first connection before returning anyway. @default 2000 */
  waitMs?: number;
}

/**
 * A connection for the request path: commands fail at once while Redis is away instead of queueing
 * without bound, and a stuck command gives up after two seconds, so requests get a prompt 503. It never
 * throws for a Redis that is not there yet: it keeps reconnecting in the background (at most a second
 * apart), and the outage is logged once with the URL and the cause, the recovery once. It resolves once
 * connected, or after `waitMs` with the connection still trying.
 */
export async function connectFailFast(
  target: RedisTarget,
  options: ConnectOptions = {},
): Promise<RedisClient> {
  const redis = createClient(target, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: 2000,
    enableAutoPipelining: options.autoPipelining ?? false,
    retryStrategy: (attempt) => Math.min(attempt * 100, 1000),
  });
  logConnection(redis, describeTarget(target), options);
  redis.connect().catch(() => {}); // the 'error' listener logs it; ioredis keeps retrying
  await whenReady(redis, options.waitMs ?? 2000);
  return redis;
}

/** Logs the first error of an outage (with the URL and the cause) and the recovery, not every retry. */
export function logConnection(
  redis: RedisClient,
  url: string,
  { log, name = 'redis' }: ConnectOptions,
): void {
  let down = false;
  redis.on('error', (error: Error) => {
    if (down) return;
    down = true;
    log?.warn(
      { err: error, redis: redactUrl(url), connection: name },
      `cannot reach Redis at ${redactUrl(url)}: ${error.message}; retrying`,
    );
  });
  redis.on('ready', () => {
    if (!down) return;
    down = false;
    log?.info({ redis: redactUrl(url), connection: name }, `Redis at ${redactUrl(url)} answers again`);
  });
}

/** Resolves once the connection is ready, or after `ms` (false): for a start that should not hang. */
export function whenReady(redis: RedisClient, ms: number): Promise<boolean> {
  if (redis.status === 'ready') return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      redis.off('ready', onReady);
      resolve(false);
    }, ms);
    const onReady = () => {
      clearTimeout(timer);
      resolve(true);
    };
    redis.once('ready', onReady);
  });
}

/**
 * A connection for a one-shot command (`npx cartpulse sites …`, `alerts …`): one try, no retries, so an
 * unreachable Redis is said at once. Undefined when it cannot connect, having told `err` why.
 */
export async function connectOnce(
  target: RedisTarget,
  err: (line: string) => void,
): Promise<RedisClient | undefined> {
  const redis = createClient(target, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
  });
  redis.on('error', () => {}); // the failed command says why
  try {
    await redis.connect();
    return redis;
  } catch (error) {
    err(`cannot reach Redis at ${redactUrl(describeTarget(target))}: ${(error as Error).message}`);
    return undefined;
  }
}
