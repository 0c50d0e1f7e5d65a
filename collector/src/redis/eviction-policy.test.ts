/** A Redis that may evict keys loses counted events: Cartpulse refuses to start on it, unless told. */
import Redis from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveOptions } from '../config.js';
import { startConsumer } from '../consumer/consumer.js';
import { startCartpulse } from '../server.js';
import { runCli } from '../testing/cli-process.js';
import { privateRedis } from '../testing/redis.js';
import { checkEvictionPolicy, EvictionPolicyError } from './setup.js';

describe('maxmemory-policy allkeys-lru', async () => {
  const server = await privateRedis();
  const admin = new Redis(server.url);
  afterAll(() => admin.disconnect());
  await admin.config('SET', 'maxmemory-policy', 'allkeys-lru');
  const base = { redisUrl: server.url, port: 0, host: '127.0.0.1', token: 't' };

  it('is refused by the collector and the consumer at start, with one sentence', async () => {
    await expect(startCartpulse(base)).rejects.toThrow(EvictionPolicyError);
    await expect(startCartpulse(base)).rejects.toThrow(/maxmemory-policy is allkeys-lru.*noeviction/);
    await expect(startConsumer(resolveOptions(base))).rejects.toThrow(EvictionPolicyError);
  });

  it('makes `cartpulse collector` and `cartpulse consumer` exit non-zero, without a stack trace', async () => {
    for (const command of ['collector', 'consumer']) {
      const { code, output } = await runCli([command], {
        REDIS_URL: server.url,
        PORT: '0',
        METRICS_PORT: '0',
      });
      expect(code, output).toBe(1);
      expect(output).toContain("Redis's maxmemory-policy is allkeys-lru");
      expect(output).not.toMatch(/\n\s+at /);
    }
  });

  it('starts anyway with allowEviction (CARTPULSE_ALLOW_EVICTION=1)', async () => {
    const running = await startCartpulse({ ...base, allowEviction: true });
    expect((await fetch(`${running.url}/readyz`)).status).toBe(200);
    await running.stop();
  });
});

describe('a Redis that does not allow CONFIG GET (some managed services)', async () => {
  const server = await privateRedis();
  const admin = new Redis(server.url);
  afterAll(() => admin.disconnect());
  await admin.acl('SETUSER', 'app', 'on', '>secret', '~*', '&*', '+@all', '-config');

  it('starts with a warning that names the risk', async () => {
    const limited = new Redis(`redis://app:secret@127.0.0.1:${server.port}`);
    const check = await checkEvictionPolicy(limited, false);
    limited.disconnect();
    expect(check).toEqual({ ok: false, warning: expect.stringMatching(/make sure it is noeviction/) });
  });
});
