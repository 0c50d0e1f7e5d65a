import Redis from 'ioredis';

/**
 * A connection for the request path: commands fail at once while Redis is away instead of queueing
 * without bound, and a stuck command gives up after two seconds, so requests get a prompt 503.
 */
export async function connectFailFast(url: string): Promise<Redis> {
  const redis = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: 2000,
    retryStrategy: (attempt) => Math.min(attempt * 100, 1000),
  });
  redis.on('error', () => {}); // reconnection is automatic; each failed command answers for itself
  await redis.connect();
  return redis;
}
