/**
 * Section 11, a shop's day in Redis: one site's 1,000,000 events over 100,000 visitors, their times
 * spread over the last 24 hours (day-traffic.ts), appended to its stream as ingest does (`appendBatch`,
 * entries of 20 events) while the real consumer applies them. Then `used_memory` against the empty
 * server, per event and per visitor, and MEMORY USAGE by part: the day rollups, the first times of the
 * day, the event ids kept for de-duplication, and everything else (the live windows).
 */
import type Redis from 'ioredis';
import { resolveOptions } from '../src/config.js';
import { partitionKeys, partitionOf } from '../src/keys.js';
import { appendBatch } from '../src/stream/producer.js';
import { applyParams } from '../src/windows/params.js';
import { BATCH_EVENTS } from './consumer.js';
import { dayTraffic } from './day-traffic.js';
import { dayParts, memoryByKind } from './key-kinds.js';
import { usedMemory, withPrivateRedis } from './private-redis.js';
import { BENCH_ADMISSION, type Section, type SectionResult } from './section.js';
import { perSecond, since } from './stats.js';
import { formatBytes, formatCount, formatRate, formatShare, type Row } from './table.js';
import { startTimedConsumer } from './time-consumer.js';

const SITE = 'shop-day';
/** Stream entries written before waiting for Redis's answers. */
const IN_FLIGHT = 100;
/** A HyperLogLog's largest size (dense: 16,384 registers of 6 bits). */
const HLL_BYTES = 12 * 1024;

/** Every key matching `pattern`. */
async function keysMatching(redis: Redis, pattern: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== '0');
  return keys;
}

/** Members of the sets or sorted sets matching `pattern`, summed. */
async function membersOf(redis: Redis, pattern: string, zset: boolean): Promise<number> {
  let members = 0;
  for (const key of await keysMatching(redis, pattern))
    members += zset ? await redis.zcard(key) : await redis.scard(key);
  return members;
}

/** Sum of the `<metric>@<hour>` fields of the site's day rollups. */
async function dayTotal(redis: Redis, prefix: string, metric: string): Promise<number> {
  let total = 0;
  for (const key of await keysMatching(redis, `${prefix}day:${SITE}:*`)) {
    const fields = await redis.hgetall(key);
    for (const [field, n] of Object.entries(fields)) if (field.startsWith(`${metric}@`)) total += Number(n);
  }
  return total;
}

export const dayMemorySection: Section = {
  number: 11,
  title: "A shop's day in Redis: one site, its events of the last 24 hours applied, memory by part",
  run: async (ctx): Promise<SectionResult> => {
    const { options: bench } = ctx;
    return withPrivateRedis(async (redis) => {
      const options = resolveOptions({ redisUrl: redis.url, consumerName: 'bench', ...BENCH_ADMISSION });
      const keys = partitionKeys(options.keyPrefix, partitionOf(SITE, options.partitions));
      const empty = await usedMemory(redis.client);
      const now = Date.now();
      const traffic = dayTraffic({
        site: SITE,
        events: bench.dayEvents,
        visitors: bench.dayVisitors,
        now,
        batchEvents: BATCH_EVENTS,
      });
      const limits = { maxLength: options.dlqMaxLength, rawBytes: options.dlqRawBytes };

      const consumer = await startTimedConsumer(options, traffic.events, 600_000);
      let entries = 0;
      let fillMs = 0;
      try {
        const filling = performance.now();
        let writes: Promise<number>[] = [];
        for (const batch of traffic.batches()) {
          const at = batch.events[batch.events.length - 1].t;
          writes.push(appendBatch(redis.client, keys, SITE, batch.events, [], at, limits, batch.client));
          entries++;
          if (writes.length === IN_FLIGHT) {
            await Promise.all(writes);
            writes = [];
          }
        }
        await Promise.all(writes);
        fillMs = since(filling);
        ctx.log(
          `appended ${formatCount(traffic.events)} events in ${formatCount(entries)} entries in ${(fillMs / 1000).toFixed(1)} s`,
        );
        const run = await consumer.drained;
        ctx.figures.set('day consumer', perSecond(run.applied + run.duplicates, run.ms));
        ctx.log(
          `applied by the consumer in ${(run.ms / 1000).toFixed(1)} s: ${formatRate(perSecond(run.applied, run.ms))} (${run.applied} applied, ${run.duplicates} duplicates)`,
        );
        // the consumer trims every second, by whole stream nodes (XTRIM MINID ~): wait until it has
        for (let previous = -1, deadline = Date.now() + 15_000; Date.now() < deadline; ) {
          const left = await redis.client.xlen(keys.stream);
          if (left === previous && left <= 100) break;
          previous = left;
          await new Promise((resolve) => setTimeout(resolve, 1200));
        }
      } finally {
        await consumer.stop();
      }

      const deadLetters = await redis.client.xlen(keys.dlq);
      const pageviews = await dayTotal(redis.client, keys.prefix, 'pv');
      const visitorsCounted = await dayTotal(redis.client, keys.prefix, 'vi');
      const firstTimes = {
        dvis: await membersOf(redis.client, `${keys.prefix}dvis:${SITE}:*`, true),
        dses: await membersOf(redis.client, `${keys.prefix}dses:${SITE}:*`, true),
        dbuy: await membersOf(redis.client, `${keys.prefix}dbuy:${SITE}:*`, true),
      };
      const ids = await membersOf(redis.client, `${keys.prefix}seen:*`, false);
      ctx.log(
        `day rollups: ${formatCount(pageviews)} page views of ${formatCount(traffic.pageviews)} written, ${formatCount(visitorsCounted)} visitors by day (${formatCount(firstTimes.dvis)} first times); ${formatCount(ids)} event ids kept; ${deadLetters} dead letters`,
      );
      if (pageviews !== traffic.pageviews || ids !== traffic.events || deadLetters > 0)
        throw new Error(
          'the day rollups do not hold every event written: the figures would not be a full day',
        );

      const total = (await usedMemory(redis.client)) - empty;
      const kinds = await memoryByKind(redis.client);
      const parts = dayParts(kinds);
      const usage = kinds.reduce((sum, kind) => sum + kind.bytes, 0);
      ctx.log(
        `used_memory ${formatBytes(total)} above the empty server; MEMORY USAGE of the keys ${formatBytes(usage)}`,
      );

      const perEvent = (bytes: number) => {
        const each = bytes / traffic.events;
        return `${each < 10 ? each.toFixed(1) : each.toFixed(0)} B/event`;
      };
      const section = '11 day memory';
      const rows: Row[] = [
        {
          section,
          figure: `one shop's last 24 h: ${formatCount(traffic.events)} events, ${formatCount(traffic.visitors)} visitors, ${formatCount(traffic.sessions)} sessions`,
          value: `${formatBytes(total)}, ${perEvent(total)}, ${(total / traffic.visitors).toFixed(0)} B/visitor`,
          baseline: `empty Redis ${formatBytes(empty)}`,
          ratio: '',
        },
        ...parts.map((part) => ({
          section,
          figure: `${part.kind} (${part.of
            .slice(0, 4)
            .map((k) => k.kind)
            .join(', ')}${part.of.length > 4 ? ', …' : ''})`,
          value: `${formatBytes(part.bytes)} (${formatShare(part.bytes / usage)}), ${perEvent(part.bytes)}`,
          baseline: '',
          ratio: '',
        })),
      ];

      const bytesOf = (kind: string) => kinds.find((k) => k.kind === kind)?.bytes ?? 0;
      const perMember = (kind: keyof typeof firstTimes) =>
        `${kind} ${(bytesOf(kind) / firstTimes[kind]).toFixed(0)} B for each of ${formatCount(firstTimes[kind])}`;
      const firstKeys = parts[1].keys;
      // ids are kept until their event's hour plus `seenKeepMs`: this long after the event, give or take an hour
      const seenHours = applyParams(now, options).seenKeepMs / 3_600_000;
      const other = parts[3].of
        .slice(0, 5)
        .map((k) => `${k.kind} ${formatBytes(k.bytes)} in ${formatCount(k.keys)} keys`)
        .join(', ');
      const notes = [
        `11 day memory: one site, so one partition and one consumer loop; ${formatCount(entries)} entries of ${BATCH_EVENTS} events (visitors sharing a country and a device), ${formatCount(traffic.purchases)} purchases; the parts are shares of the keys' MEMORY USAGE (${formatBytes(usage)}); used_memory also counts the keyspace's own tables and what the allocator rounds up.`,
        `11 day memory: event ids (${formatCount(ids)}, site|id) are kept by the hour of their event, ${seenHours - 1}–${seenHours} h after it (windows/params.ts), ~${(bytesOf('seen') / ids).toFixed(0)} B each; first times of the day: ${perMember('dvis')}, ${perMember('dses')}, ${perMember('dbuy')}. HyperLogLogs in their place would take at most ${formatBytes(firstKeys * HLL_BYTES)} for the ${firstKeys} keys, with a 0.81% error and without anyone's first time, which the hourly counts and late events need.`,
        `11 day memory: everything else: ${other}.`,
      ];
      return { rows, notes };
    });
  },
};
