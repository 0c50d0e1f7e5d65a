/**
 * Consumers are SIGKILLed at random moments while a seeded log is written to the stream, and replaced
 * by new ones that claim the dead ones' pending entries. Afterwards every site's snapshot must equal the
 * brute-force recount: nothing missed, nothing counted twice. Beside the live log, a second one spans
 * the last two local days of a shop in Los Angeles and one in Kolkata (each past its midnight), counted
 * in their days only.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import Redis from 'ioredis';
import { describe, expect, it } from 'vitest';
import { MINUTE, resolveOptions } from '../config.js';
import { allPartitionKeys, partitionKeys, partitionOf } from '../keys.js';
import { appendBatch } from '../stream/producer.js';
import { waitUntilProcessed } from '../testing/drain.js';
import { generateLog, PRODUCT_NAMES, seededRandom } from '../testing/event-log.js';
import { comparable, type Delivered, recount } from '../testing/oracle.js';
import { recountDays } from '../testing/oracle-days.js';
import { privateRedis } from '../testing/redis.js';
import { readSnapshot } from '../windows/snapshot.js';
import { ensureGroup } from './group.js';

const SITES = ['north', 'south', 'east', 'west'];
const ZONES: Record<string, string> = { 'la-shop': 'America/Los_Angeles', 'kolkata-shop': 'Asia/Kolkata' };
const HOUR = 60 * MINUTE;
const CLI = new URL('../../bin/cartpulse.mjs', import.meta.url).pathname;

describe('consumers killed at random moments', async () => {
  const server = await privateRedis();
  const redis = new Redis(server.url);
  const options = resolveOptions({ redisUrl: server.url, claimIdleMs: 1000 });
  const partitions = allPartitionKeys(options.keyPrefix, options.partitions);
  for (const keys of partitions) await ensureGroup(redis, keys, options.group);

  let spawned = 0;
  const startConsumerProcess = () =>
    spawn(process.execPath, [CLI, 'consumer'], {
      env: {
        ...process.env,
        REDIS_URL: server.url,
        CARTPULSE_CLAIM_IDLE_MS: '1000',
        // a killed consumer's partitions go to the others within this (they claim its pending entries)
        CARTPULSE_LEASE_MS: '1500',
        CARTPULSE_CONSUMER_NAME: `crashy-${spawned++}`,
        METRICS_PORT: '0',
      },
      stdio: 'ignore',
    });

  it('leaves every window exactly as the recount says', async () => {
    const random = seededRandom(99);
    const start = Date.now() - 17 * MINUTE;
    const log = generateLog({
      seed: 3,
      start,
      durationMs: 13 * MINUTE,
      events: 20_000,
      sites: SITES,
      visitorsPerSite: 80,
      applyLagMs: 20 * MINUTE, // the consumers apply the log in real time, up to 17 min after its times
    });
    expect(log[log.length - 1].at).toBeLessThan(Date.now()); // no event from the future
    // older than every window when applied (so counted in days only), younger than the day horizon
    const now = Date.now();
    const days = generateLog({
      seed: 5,
      start: now - 24 * HOUR - 45 * MINUTE,
      durationMs: 22 * HOUR + 40 * MINUTE,
      events: 6_000,
      sites: Object.keys(ZONES),
      visitorsPerSite: 120,
      lateMaxMs: 30 * MINUTE,
      timezones: ZONES,
    })
      .filter((batch) => batch.at < now - 2 * HOUR) // the log's end is only roughly where it was asked
      .map((batch) => ({ ...batch, delivered: batch.delivered.map((d) => ({ ...d, at: now })) }));
    const all = log.flatMap((batch, i) => [
      batch,
      ...days.slice(
        Math.floor((i * days.length) / log.length),
        Math.floor(((i + 1) * days.length) / log.length),
      ),
    ]);
    const consumers: ChildProcess[] = [startConsumerProcess(), startConsumerProcess()];
    let kills = 0;
    let writing = true;
    const killer = (async () => {
      while (writing || kills < 8) {
        await new Promise((r) => setTimeout(r, 300 + random() * 1200));
        const index = Math.floor(random() * consumers.length);
        consumers[index].kill('SIGKILL');
        kills++;
        consumers[index] = startConsumerProcess();
      }
    })();

    const delivered: Delivered[] = [];
    for (let i = 0; i < all.length; i++) {
      const batch = all[i];
      const keys = partitionKeys(options.keyPrefix, partitionOf(batch.body.site, options.partitions));
      const events = batch.delivered.map((d) => d.event);
      await appendBatch(
        redis,
        keys,
        batch.body.site,
        events,
        [],
        batch.at,
        {
          maxLength: options.dlqMaxLength,
          rawBytes: options.dlqRawBytes,
        },
        batch.delivered[0]?.client,
        ZONES[batch.body.site],
      );
      delivered.push(...batch.delivered);
      if (i % 40 === 0) await new Promise((r) => setTimeout(r, 15)); // spread the writes over the kills
    }
    writing = false;
    await killer;
    await waitUntilProcessed(redis, partitions, options.group, 120_000);
    for (const child of consumers) child.kill('SIGKILL');

    expect(kills).toBeGreaterThanOrEqual(8);
    const at = Date.now();
    for (const site of [...SITES, ...Object.keys(ZONES)]) {
      const timezone = ZONES[site] ?? 'UTC';
      const snapshot = await readSnapshot(redis, options, site, at, undefined, timezone);
      expect(comparable(snapshot), site).toEqual(recount(delivered, site, at, options, PRODUCT_NAMES));
      const { today, yesterday, lastWeek, hours } = snapshot;
      const coverage = snapshot.ecommerce.coverage?.today;
      expect({ coverage, today, yesterday, lastWeek, hours }, site).toEqual(
        recountDays(delivered, site, at, timezone, options),
      );
      if (timezone === 'UTC') expect(snapshot.pageviews).toBeGreaterThan(0);
      else expect((today?.pageviews ?? 0) * (yesterday?.pageviews ?? 0), site).toBeGreaterThan(0);
    }
    redis.disconnect();
  }, 240_000);
});
