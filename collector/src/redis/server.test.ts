import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { describe, expect, it } from 'vitest';
import { privateRedis } from '../testing/redis.js';
import { startRedisServer } from './server.js';

describe('private redis-server', async () => {
  const server = await privateRedis();

  it('keeps data across a crash thanks to the append-only file', async () => {
    const client = new Redis(server.url, { lazyConnect: true, maxRetriesPerRequest: null });
    await client.connect();
    await client.set('kept', '1'); // appendfsync always: in the file before the reply
    await server.kill();
    await server.restart();
    expect(await client.get('kept')).toBe('1');
    client.disconnect();
  });

  it('fsyncs on every write unless told otherwise', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cartpulse-redis-'));
    const everysec = await startRedisServer({ dir, fsync: 'everysec' });
    const appendfsync = async (url: string) => {
      const client = new Redis(url, { maxRetriesPerRequest: null });
      const [, value] = (await client.config('GET', 'appendfsync')) as string[];
      client.disconnect();
      return value;
    };
    try {
      expect(await appendfsync(server.url)).toBe('always');
      expect(await appendfsync(everysec.url)).toBe('everysec');
    } finally {
      await everysec.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
