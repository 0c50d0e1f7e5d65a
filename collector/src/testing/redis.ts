/** Test helper: a private redis-server for one suite, in a fresh temporary directory. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { type RedisServer, startRedisServer } from '../redis/server.js';

export interface PrivateRedis extends RedisServer {
  /** Where its append-only file lives. */
  readonly dir: string;
  /**
   * Kills it and starts an empty one on the same port: what a new container without its volume, or a
   * failover to an empty replica, looks like to Cartpulse.
   */
  restartEmpty(): Promise<void>;
}

export async function privateRedis(): Promise<PrivateRedis> {
  const dir = mkdtempSync(join(tmpdir(), 'cartpulse-redis-'));
  const server = await startRedisServer({ dir });
  afterAll(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    ...server,
    port: server.port,
    url: server.url,
    dir,
    async restartEmpty() {
      await server.kill();
      rmSync(join(dir, 'appendonlydir'), { recursive: true, force: true });
      await server.restart();
    },
  };
}
