import Redis from 'ioredis';

/**
 * A connection for the request path: commands fail at once while Redis is away instead of queueing
 * without bound, and a stuck command gives up after two seconds, so requests get a prompt 503.
 * @param autoPipelining send the commands of one event-loop tick in one write (the producer: under load,
 *   many requests' XADDs leave together, which saves system calls here and in Redis) @default false
 */
export async function connectFailFast(url: string, { autoPipelining = false } = {}): Promise<Redis> {
  const redis = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: 2000,
    enableAutoPipelining: autoPipelining,
    retryStrategy: (attempt) => Math.min(attempt * 100, 1000),
  });
  redis.on('error', () => {}); // reconnection is automatic; each failed command answers for itself
  await redis.connect();
  return redis;
}
