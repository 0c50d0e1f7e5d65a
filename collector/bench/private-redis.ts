/** Each section's own redis-server: a temporary directory, append-only as in production, removed after. */
import { mkdtempSync, rmSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { type RedisServer, type RedisServerOptions, startRedisServer } from '../src/redis/server.js';

export type Fsync = NonNullable<RedisServerOptions['fsync']>;

/**
 * The fsync of every section but the one that compares the settings: once a second, so that their
 * figures show the collector and Redis rather than the disk (section 7 measures what `always` adds).
 */
export const BENCH_FSYNC: Fsync = 'everysec';

/**
 * What an end-to-end run needs of the Redis under it, one server or a cluster: how Cartpulse connects,
 * and what each master has spent.
 */
export interface BenchRedis {
  /** Spread into Cartpulse's options. */
  connection: { redisUrl: string; clusterNodes: string[] };
  /** CPU seconds each master has used so far, always in the same order (one entry for one server). */
  cpuSeconds(): Promise<number[]>;
  /** A name for each master in progress lines, in the order of `cpuSeconds`. */
  names: string[];
}

export interface PrivateRedis extends BenchRedis {
  server: RedisServer;
  url: string;
  /** A plain connection for the bench's own reads and writes. */
  client: Redis;
}

export async function withPrivateRedis<T>(
  run: (redis: PrivateRedis) => Promise<T>,
  fsync: Fsync = BENCH_FSYNC,
): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'cartpulse-bench-'));
  const server = await startRedisServer({ dir, appendOnly: true, fsync });
  const client = new Redis(server.url, { maxRetriesPerRequest: null });
  try {
    return await run({
      server,
      url: server.url,
      client,
      connection: { redisUrl: server.url, clusterNodes: [] },
      cpuSeconds: async () => [await redisCpuSeconds(client)],
      names: [`:${server.port}`],
    });
  } finally {
    client.disconnect();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `INFO memory` → `used_memory` in bytes. */
export async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  const match = /^used_memory:(\d+)/m.exec(info);
  if (!match) throw new Error('INFO memory has no used_memory');
  return Number(match[1]);
}

/**
 * CPU seconds the server process has used so far (`INFO cpu`: used_cpu_user + used_cpu_sys, all of its
 * threads; a forked child such as an append-only rewrite is not counted).
 */
export async function redisCpuSeconds(redis: Redis): Promise<number> {
  const info = await redis.info('cpu');
  const field = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1] ?? 0);
  return field('used_cpu_user') + field('used_cpu_sys');
}

/** True when the bench's append-only files land on tmpfs, where an fsync costs nothing (memory, no disk). */
export function aofInMemory(): boolean {
  return statfsSync(tmpdir()).type === 0x01021994; // TMPFS_MAGIC
}
