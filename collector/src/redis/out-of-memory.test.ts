/**
 * Redis at `maxmemory` with `noeviction` refuses writes: ingest answers 503 with Retry-After (never a
 * 202 for nothing), /readyz says why, the consumer waits without sending anything to the dead-letter
 * stream, and everything acknowledged is counted once memory is there again.
 */
import Redis from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { startConsumer } from '../consumer/consumer.js';
import { getSnapshot, postJson, testCartpulse } from '../testing/cartpulse.js';

describe('Redis out of memory (maxmemory, noeviction)', async () => {
  const cartpulse = await testCartpulse({ consumer: false, maxAttempts: 2 });
  const { url, options } = cartpulse;
  const admin = new Redis(cartpulse.redisUrl);
  afterAll(() => admin.disconnect());
  const usedMemory = async () => Number(/used_memory:(\d+)/.exec(await admin.info('memory'))?.[1]);
  let accepted = 0;
  let sent = 0;
  const post = () => {
    const events = Array.from({ length: 50 }, () => ({
      type: 'pageview',
      id: `e${sent++}`,
      url: `https://oom.example/page-${sent % 7}`,
      title: 'x'.repeat(400),
      vid: `v${sent % 31}`,
      sid: `s${sent % 31}`,
    }));
    return postJson(url, { site: 'oom-shop', events }).then((response) => {
      if (response.status === 202) accepted += events.length;
      return response;
    });
  };

  it('answers 503 with Retry-After once Redis is full, and /readyz says so', async () => {
    await admin.config('SET', 'maxmemory', String((await usedMemory()) + 1024 * 1024));
    let refused: Awaited<ReturnType<typeof post>> | undefined;
    for (let i = 0; i < 1000 && !refused; i++) {
      const response = await post();
      if (response.status === 503) refused = response;
      else expect(response.status).toBe(202);
    }
    expect(refused?.headers.get('retry-after')).toBe(String(options.retryAfterSeconds));
    expect(refused?.body.error).toMatch(/out of memory/);
    expect(accepted).toBeGreaterThan(0);
    // and it stays full (near the edge, freed buffers would let the odd write through)
    await admin.config('SET', 'maxmemory', String((await usedMemory()) - 256 * 1024));
    expect((await post()).status).toBe(503);
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(503);
    expect((await ready.json()).error).toMatch(/out of memory/);
  });

  it('keeps the consumer waiting, with nothing dead-lettered, and counts everything once memory is back', async () => {
    const consumer = await startConsumer(options);
    afterAll(() => consumer.stop());
    // several rounds of refused applies: more than maxAttempts, had they counted as failures
    await new Promise((r) => setTimeout(r, 3000));
    const keys = cartpulse.context.keysFor('oom-shop');
    expect(await admin.xlen(keys.dlq)).toBe(0);
    expect(await admin.hlen(keys.failures)).toBe(0);
    const [pending] = (await admin.xpending(keys.stream, options.group)) as [number];
    expect(pending).toBeGreaterThan(0); // read, refused, kept for the next attempt
    // the dashboard still reads (snapshots write nothing), and shows what has been counted: nothing yet
    expect((await getSnapshot(url, 'oom-shop')).pageviews).toBe(0);

    await admin.config('SET', 'maxmemory', '0');
    await expect
      .poll(async () => (await getSnapshot(url, 'oom-shop')).pageviews, { timeout: 20_000, interval: 250 })
      .toBe(accepted);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    expect((await post()).status).toBe(202);
    expect(await admin.xlen(keys.dlq)).toBe(0);
  });
});
