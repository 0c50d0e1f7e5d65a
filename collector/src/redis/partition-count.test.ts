/** Partitions are fixed for a deployment: a process configured with another count refuses to start. */
import Redis from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { startCartpulse } from '../server.js';
import { runCli } from '../testing/cli-process.js';
import { privateRedis } from '../testing/redis.js';
import { PartitionCountError, setupMarkerKey } from './setup.js';

describe('a Redis set up with another partition count', async () => {
  const server = await privateRedis();
  const admin = new Redis(server.url);
  afterAll(() => admin.disconnect());
  const base = { redisUrl: server.url, port: 0, host: '127.0.0.1', token: 't', consumer: false };
  const first = await startCartpulse({ ...base, partitions: 8 });
  await first.stop();

  it('is refused, with the count it holds', async () => {
    await expect(startCartpulse({ ...base, partitions: 16 })).rejects.toThrow(PartitionCountError);
    await expect(startCartpulse({ ...base, partitions: 16 })).rejects.toThrow(
      /holds a Cartpulse deployment with 8 partitions, but CARTPULSE_PARTITIONS is 16/,
    );
    const again = await startCartpulse({ ...base, partitions: 8 });
    await again.stop();
  });

  it('is refused too without a marker: more streams than configured, or a layout of an older version', async () => {
    await admin.del(setupMarkerKey('cp'));
    await expect(startCartpulse({ ...base, partitions: 4 })).rejects.toThrow(/with 8 partitions/);
    // an older version kept no marker but a site set per partition
    await admin.sadd('cp:{p3}:sites', 'old-shop');
    await expect(startCartpulse({ ...base, partitions: 64 })).rejects.toThrow(/with 8 partitions/);
    await admin.del('cp:{p3}:sites');
  });

  it('is not refused for streams made on an emptied Redis before setup ran again', async () => {
    await admin.flushall();
    await admin.xadd('cp:{p2}:events', '*', 'site', 'x', 'events', '[]');
    const running = await startCartpulse({ ...base, partitions: 8 });
    await running.stop();
  });

  it('makes the CLI exit 1 with that sentence', async () => {
    const { code, output } = await runCli(['collector'], {
      REDIS_URL: server.url,
      PORT: '0',
      CARTPULSE_PARTITIONS: '4',
    });
    expect(code, output).toBe(1);
    expect(output).toContain('set CARTPULSE_PARTITIONS=8');
  });
});
