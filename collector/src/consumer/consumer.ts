/**
 * The aggregation consumer: one loop per stream partition, reading with XREADGROUP in the shared group so
 * that any number of consumer processes split the load. It re-reads its own pending entries after a
 * failure, claims entries from consumers that went silent (XAUTOCLAIM), moves entries that keep failing
 * to the dead-letter stream, and trims each stream up to what every group has processed.
 */
import { ReplyError } from 'ioredis';
import type { CartpulseOptions } from '../config.js';
import { allPartitionKeys, type PartitionKeys } from '../keys.js';
import { type Logger, silentLogger } from '../log.js';
import { createClient, describeTarget, type RedisClient } from '../redis/client.js';
import { logConnection } from '../redis/connect.js';
import { describeUnavailable, isRedisUnavailable } from '../redis/errors.js';
import { checkEvictionPolicy, EvictionPolicyError, type FatalSetupError } from '../redis/setup.js';
import type { StoredClient, StoredEvent } from '../protocol/stored-event.js';
import { deadLetterFields } from '../stream/producer.js';
import { partitionLeases } from './leases.js';
import { applyBatches, type StreamBatch } from './apply.js';
import { ensureGroup } from './group.js';
import { safeTrimId } from './trim.js';
import { isTimeZone } from '../windows/local-day.js';

export interface ConsumerHooks {
  /** After each applied batch. */
  onBatch?(info: {
    partition: number;
    entries: number;
    applied: number;
    duplicates: number;
    /** Events more than a day old when applied: counted nowhere (logged as a warning too). */
    tooOld: number;
    seconds: number;
  }): void;
  /** After an entry was moved to the dead-letter stream. */
  onDeadLetter?(info: { partition: number; reason: string }): void;
  /** Errors the loop recovered from (Redis away, for example). */
  onError?(error: unknown): void;
  /** Redis's eviction policy is wrong (found after the start, Redis having been away): the CLI exits. */
  onFatal?(error: FatalSetupError): void;
  /** @default a logger that writes nothing */
  log?: Logger;
}

export interface RunningConsumer {
  /** Finishes the batch in hand, then stops reading and closes its connections. */
  stop(): Promise<void>;
}

type Entry = [id: string, fields: string[] | null];

/** How long one XREADGROUP waits for new entries; also bounds how long stop() takes. */
const BLOCK_MS = 1000;
const TRIM_EVERY_MS = 1000;
/** Failure counts of entries that later went through are forgotten after a day without failures. */
const FAILURES_TTL_MS = 86_400_000;

export async function startConsumer(
  options: CartpulseOptions,
  hooks: ConsumerHooks = {},
): Promise<RunningConsumer> {
  let running = true;
  const log = hooks.log ?? silentLogger;
  // leases, heartbeats and the policy check; each partition this consumer reads has a connection of its
  // own (XREADGROUP blocks it), so connections stay at one plus this consumer's share of partitions
  const control = createClient(options, { maxRetriesPerRequest: null, lazyConnect: true });
  logConnection(control, describeTarget(options), { log, name: 'consumer' });
  control.connect().catch(() => {}); // reconnects on its own
  const policy = checkPolicy(control);
  // a wrong eviction policy is refused at start when Redis answers within two seconds
  await Promise.race([policy, new Promise((r) => setTimeout(r, 2000))]).catch((error) => {
    control.disconnect();
    throw error;
  });

  interface PartitionLoop {
    redis: RedisClient;
    active: boolean;
    finished: Promise<void>;
  }
  const loops = new Map<number, PartitionLoop>();
  const grace = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const leases = partitionLeases({
    redis: control,
    keyPrefix: options.keyPrefix,
    partitions: allPartitionKeys(options.keyPrefix, options.partitions),
    consumerName: options.consumerName,
    leaseMs: options.leaseMs,
    start(keys) {
      // commands wait while Redis is away (no retry limit): a loop resumes by itself when it is back
      const redis = createClient(options, { maxRetriesPerRequest: null, lazyConnect: true });
      redis.on('error', () => {}); // the control connection logs the outage
      redis.connect().catch(() => {});
      const loop: PartitionLoop = { redis, active: true, finished: Promise.resolve() };
      loop.finished = runPartition(redis, keys, loop);
      loops.set(keys.partition, loop);
    },
    stop(keys) {
      // not awaited: a round must stay short (the leases it renews would expire meanwhile); the loop
      // finishes its batch in hand, and a new owner meanwhile is safe (applies are de-duplicated)
      const loop = loops.get(keys.partition);
      if (!loop) return;
      loops.delete(keys.partition);
      loop.active = false;
      void Promise.race([loop.finished, grace(BLOCK_MS + 500)]).then(() => loop.redis.disconnect());
    },
  });
  const balancing = (async () => {
    try {
      await policy;
    } catch (error) {
      if (error instanceof EvictionPolicyError && running) {
        log.fatal(error.message);
        hooks.onFatal?.(error);
      }
      return;
    }
    while (running) {
      try {
        await leases.rebalance();
      } catch (error) {
        if (!running) break;
        if (!isRedisUnavailable(error))
          log.error({ err: error }, 'consumer: sharing out partitions failed; retrying');
      }
      await grace(options.leaseMs / 3);
    }
  })();

  async function checkPolicy(redis: RedisClient): Promise<void> {
    for (;;) {
      try {
        const check = await checkEvictionPolicy(redis, options.allowEviction);
        if (!check.ok) log.warn(check.warning);
        return;
      } catch (error) {
        if (error instanceof EvictionPolicyError || !running) throw error;
        log.error({ err: error }, 'consumer: could not read the eviction policy; trying again');
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  }

  async function runPartition(redis: RedisClient, keys: PartitionKeys, loop: PartitionLoop) {
    let ownPendingFirst = true;
    let lastClaim = Date.now();
    let lastTrim = 0;
    let failures = 0;
    let away = false;
    while (running && loop.active) {
      try {
        let entries: Entry[];
        if (ownPendingFirst) {
          entries = await read(redis, keys, '0', 0);
          if (entries.length === 0) ownPendingFirst = false;
        } else if (Date.now() - lastClaim >= options.claimIdleMs / 2) {
          lastClaim = Date.now();
          entries = await claim(redis, keys);
        } else {
          entries = await read(redis, keys, '>', BLOCK_MS);
        }
        if (entries.length > 0)
          ownPendingFirst = (await processEntries(redis, keys, entries)) || ownPendingFirst;
        if (Date.now() - lastTrim >= TRIM_EVERY_MS) {
          lastTrim = Date.now();
          const trimId = await safeTrimId(redis, keys.stream);
          if (trimId) await redis.xtrim(keys.stream, 'MINID', '~', trimId);
        }
        if (away) log.info({ partition: keys.partition }, 'consumer: Redis accepts work again; resuming');
        failures = 0;
        away = false;
      } catch (error) {
        if (!running || !loop.active) break;
        hooks.onError?.(error);
        ownPendingFirst = true;
        if (error instanceof ReplyError && (error as Error).message.startsWith('NOGROUP')) {
          // Redis lost the group (restarted empty, flushed): make it again at 0, so entries written to
          // the fresh stream meanwhile are counted
          log.warn(
            { partition: keys.partition },
            `consumer group ${options.group} missing on ${keys.stream}: creating it again`,
          );
          await ensureGroup(redis, keys, options.group).catch((again) =>
            log.error({ err: again, partition: keys.partition }, 'could not create the consumer group'),
          );
          continue;
        }
        if (isRedisUnavailable(error)) {
          if (!away)
            log.warn(
              { err: error, partition: keys.partition },
              `consumer paused: ${describeUnavailable(error)}`,
            );
          away = true;
        } else log.error({ err: error, partition: keys.partition }, 'consumer loop failed; retrying');
        failures++;
        await new Promise((r) => setTimeout(r, Math.min(100 * 2 ** failures, 2000)));
      }
    }
  }

  async function read(
    redis: RedisClient,
    keys: PartitionKeys,
    from: string,
    blockMs: number,
  ): Promise<Entry[]> {
    const { group, consumerName, readCount } = options;
    const reply = (
      blockMs > 0
        ? await redis.xreadgroup(
            'GROUP',
            group,
            consumerName,
            'COUNT',
            readCount,
            'BLOCK',
            blockMs,
            'STREAMS',
            keys.stream,
            from,
          )
        : await redis.xreadgroup(
            'GROUP',
            group,
            consumerName,
            'COUNT',
            readCount,
            'STREAMS',
            keys.stream,
            from,
          )
    ) as [string, Entry[]][] | null;
    return reply?.[0]?.[1] ?? [];
  }

  async function claim(redis: RedisClient, keys: PartitionKeys): Promise<Entry[]> {
    const reply = (await redis.xautoclaim(
      keys.stream,
      options.group,
      options.consumerName,
      options.claimIdleMs,
      '0-0',
      'COUNT',
      options.readCount,
    )) as [string, Entry[]];
    return reply[1].filter((entry) => entry?.[1]);
  }

  /**
   * Entries are applied in stream order (a session's attribution is decided by its first event). When a
   * partition changes hands, its former holder may still have entries it read but did not apply: those
   * older than the batch are claimed and applied with it, first. (Whoever applies an entry second finds
   * it applied: the apply script's duplicate check.)
   */
  async function withOlderPending(
    redis: RedisClient,
    keys: PartitionKeys,
    entries: Entry[],
  ): Promise<Entry[]> {
    const first = entries[0]?.[0];
    if (first === undefined) return entries;
    const [count, lowest] = (await redis.xpending(keys.stream, options.group)) as [number, string | null];
    if (count === 0 || lowest === null || compareEntryIds(lowest, first) >= 0) return entries;
    const older = (await redis.xpending(keys.stream, options.group, '-', `(${first}`, 1000)) as [
      string,
      string,
      number,
      number,
    ][];
    const others = older.filter(([, consumer]) => consumer !== options.consumerName).map(([id]) => id);
    if (others.length === 0) return entries;
    const claimed = (await redis.xclaim(
      keys.stream,
      options.group,
      options.consumerName,
      0,
      ...others,
    )) as Entry[];
    return [...claimed.filter((entry) => entry?.[1]), ...entries];
  }

  /** Returns true when some entries were left pending for another attempt. */
  async function processEntries(redis: RedisClient, keys: PartitionKeys, read: Entry[]): Promise<boolean> {
    const entries = await withOlderPending(redis, keys, read);
    const batches: StreamBatch[] = [];
    const broken: BrokenEntry[] = [];
    for (const [entryId, fields] of entries) {
      const parsed = parseEntry(entryId, fields);
      if ('reason' in parsed) broken.push(parsed);
      else batches.push(parsed);
    }
    const started = performance.now();
    try {
      const result = await applyBatches(redis, keys, options.group, batches, options.clock(), options);
      if (result.tooOld > 0)
        log.warn(
          { partition: keys.partition, events: result.tooOld },
          'consumer: events more than 26 hours old when applied count nowhere; the consumer is a day behind',
        );
      hooks.onBatch?.({
        partition: keys.partition,
        entries: batches.length,
        ...result,
        seconds: (performance.now() - started) / 1000,
      });
    } catch (error) {
      // Redis refusing writes (out of memory, read-only) is not a problem of the entries: retry later,
      // and never count it toward the attempts that send an entry to the dead-letter stream
      if (!(error instanceof ReplyError) || isRedisUnavailable(error)) throw error;
      // A data problem in some entry: apply them one by one to find it.
      for (const batch of batches) {
        try {
          await applyBatches(redis, keys, options.group, [batch], options.clock(), options);
        } catch (single) {
          if (!(single instanceof ReplyError) || isRedisUnavailable(single)) throw single;
          broken.push({
            entryId: batch.entryId,
            site: batch.site,
            reason: (single as Error).message,
            raw: JSON.stringify(batch),
          });
        }
      }
    }
    let leftPending = false;
    for (const entry of broken) leftPending = !(await recordFailure(redis, keys, entry)) || leftPending;
    return leftPending;
  }

  /** Counts a failed attempt; after maxAttempts moves the entry to the dead-letter stream. */
  async function recordFailure(
    redis: RedisClient,
    keys: PartitionKeys,
    entry: BrokenEntry,
  ): Promise<boolean> {
    const [[error, attempts]] = (await redis
      .multi()
      .hincrby(keys.failures, entry.entryId, 1)
      .pexpire(keys.failures, FAILURES_TTL_MS)
      .exec()) as [Error | null, number][];
    if (error) throw error;
    if (attempts < options.maxAttempts) return false;
    const letter = deadLetterFields(
      { stage: 'consumer', reason: entry.reason, site: entry.site, raw: entry.raw, at: options.clock() },
      options.dlqRawBytes,
    );
    const results = await redis
      .multi()
      .xadd(keys.dlq, 'MAXLEN', '~', options.dlqMaxLength, '*', ...letter.fields, 'entry', entry.entryId)
      .xack(keys.stream, options.group, entry.entryId)
      .hdel(keys.failures, entry.entryId)
      .exec();
    const failed = results?.find(([failure]) => failure);
    if (failed) throw failed[0];
    hooks.onDeadLetter?.({ partition: keys.partition, reason: entry.reason });
    return true;
  }

  return {
    stop: async () => {
      running = false;
      await Promise.race([balancing, grace(BLOCK_MS + 500)]);
      const held = [...loops.entries()];
      for (const [, loop] of held) loop.active = false;
      await Promise.race([Promise.allSettled(held.map(([, loop]) => loop.finished)), grace(BLOCK_MS + 500)]);
      for (const [, loop] of held) loop.redis.disconnect();
      loops.clear();
      // hand the partitions over at once rather than after the leases expire; a Redis that is gone
      // never answers, and its leases expire by themselves
      await Promise.race([
        leases
          .releaseAll()
          .catch((error) =>
            log.warn({ err: error }, 'could not hand the partitions back; their leases expire by themselves'),
          ),
        grace(1000),
      ]);
      control.disconnect();
    },
  };
}

/** A stream entry that could not be processed, and why. */
export interface BrokenEntry {
  entryId: string;
  site: string;
  reason: string;
  raw: string;
}

/** Orders stream entry ids (`<ms>-<seq>`) as Redis does. */
export function compareEntryIds(a: string, b: string): number {
  const [am, as] = a.split('-').map(BigInt);
  const [bm, bs] = b.split('-').map(BigInt);
  if (am !== bm) return am < bm ? -1 : 1;
  return as === bs ? 0 : as < bs ? -1 : 1;
}

export function parseEntry(entryId: string, fields: string[] | null): StreamBatch | BrokenEntry {
  // the entry as JSON, for the dead-letter stream only: built when the entry is broken, not for every entry
  const raw = () => JSON.stringify(fields);
  const map = new Map<string, string>();
  for (let i = 0; fields && i + 1 < fields.length; i += 2) map.set(fields[i], fields[i + 1]);
  const site = map.get('site');
  const text = map.get('events');
  if (!site || !text)
    return { entryId, site: site ?? '', reason: 'entry has no site or events field', raw: raw() };
  try {
    const events = JSON.parse(text) as StoredEvent[];
    if (!Array.isArray(events)) throw new Error('events is not an array');
    for (const event of events) {
      if (typeof event?.id !== 'string' || typeof event.t !== 'number' || typeof event.vid !== 'string')
        throw new Error('event lacks id, t or vid');
    }
    const batch: StreamBatch = { entryId, site, events };
    const client = map.get('client');
    if (client !== undefined) batch.client = JSON.parse(client) as StoredClient;
    const timezone = map.get('tz');
    if (timezone !== undefined) {
      if (!isTimeZone(timezone)) throw new Error(`unknown time zone ${timezone}`);
      batch.timezone = timezone;
    }
    return batch;
  } catch (error) {
    return { entryId, site, reason: `unreadable events: ${(error as Error).message}`, raw: raw() };
  }
}
