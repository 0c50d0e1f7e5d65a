/**
 * One Redis, or a Redis Cluster: `REDIS_URL` names one server, `REDIS_CLUSTER_NODES=host:port,...` some
 * nodes of a cluster (ioredis's `Cluster` finds the rest). Everything Cartpulse sends is shaped for
 * both: every Lua call, pipeline and MULTI touches keys of one hash tag (one partition `{pN}`, or
 * `{registry}`), and reads across partitions are one call per partition.
 */
import Redis, { Cluster, type RedisOptions } from 'ioredis';

export type RedisClient = Redis | Cluster;

export interface RedisTarget {
  redisUrl: string;
  /** `host:port` of cluster nodes; when given, `redisUrl` is not used. */
  clusterNodes: string[];
}

/** The URL or the node list, for log lines. */
export const describeTarget = (target: RedisTarget) =>
  target.clusterNodes.length ? `cluster ${target.clusterNodes.join(',')}` : target.redisUrl;

/**
 * A client for the target. `options` apply to each node's connection; for a cluster, the offline queue
 * and lazy connection settings apply to the cluster client too.
 */
export function createClient(target: RedisTarget, options: RedisOptions = {}): RedisClient {
  if (target.clusterNodes.length === 0) return new Redis(target.redisUrl, options);
  const nodes = target.clusterNodes.map((node) => {
    const [host, port] = node.split(':');
    return { host, port: Number(port) };
  });
  const { enableOfflineQueue, lazyConnect, enableAutoPipelining, retryStrategy, ...perNode } = options;
  return new Cluster(nodes, {
    redisOptions: perNode,
    enableOfflineQueue,
    lazyConnect,
    enableAutoPipelining,
    clusterRetryStrategy: retryStrategy ? (attempt) => retryStrategy(attempt) ?? null : undefined,
    // a slot moving between masters answers MOVED / ASK / TRYAGAIN: follow it, a bit later
    retryDelayOnTryAgain: 100,
    retryDelayOnClusterDown: 200,
    maxRedirections: 32,
  });
}

/** Every master of a cluster (one connection each), or the one server. */
export function mastersOf(redis: RedisClient): Redis[] {
  return redis instanceof Cluster ? redis.nodes('master') : [redis];
}
