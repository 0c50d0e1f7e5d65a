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

export interface PrivateRedis {
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
    return await run({ server, url: server.url, client });
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

/** CPU seconds the server has used so far (`INFO cpu`, user + system, main thread and children). */
export async function redisCpuSeconds(redis: Redis): Promise<number> {
  const info = await redis.info('cpu');
  const field = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1] ?? 0);
  return field('used_cpu_user') + field('used_cpu_sys');
}

/** True when the bench's append-only files land on tmpfs, where an fsync costs nothing (memory, no disk). */
export function aofInMemory(): boolean {
  return statfsSync(tmpdir()).type === 0x01021994; // TMPFS_MAGIC
}
