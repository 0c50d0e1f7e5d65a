import Redis from 'ioredis';
import { describe, expect, it } from 'vitest';
import { privateRedis } from '../testing/redis.js';

describe('private redis-server', async () => {
  const server = await privateRedis();

  it('keeps data across a crash thanks to the append-only file', async () => {
    const client = new Redis(server.url, { lazyConnect: true, maxRetriesPerRequest: null });
    await client.connect();
    await client.set('kept', '1');
    await new Promise((r) => setTimeout(r, 1100)); // appendfsync everysec
    await server.kill();
    await server.restart();
    expect(await client.get('kept')).toBe('1');
    client.disconnect();
  });
});
