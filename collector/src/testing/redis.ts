/** Test helper: a private redis-server for one suite, in a fresh temporary directory. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { type RedisServer, startRedisServer } from '../redis/server.js';

export async function privateRedis(): Promise<RedisServer> {
  const dir = mkdtempSync(join(tmpdir(), 'cartpulse-redis-'));
  const server = await startRedisServer({ dir });
  afterAll(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  return server;
}
