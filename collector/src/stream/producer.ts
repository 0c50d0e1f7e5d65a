/**
 * Writes accepted events to the partition's stream and rejected ones to its dead-letter stream, in one
 * MULTI so that a 2xx always means both are stored (a lone XADD when nothing was rejected). The
 * connection does not queue commands while Redis is away (enableOfflineQueue: false), so the caller gets
 * an error at once and answers 503.
 */
import type Redis from 'ioredis';
import type { PartitionKeys } from '../keys.js';
import type { RejectedEvent } from '../protocol/normalize.js';
import type { StoredEvent } from '../protocol/stored-event.js';

export interface DeadLetter {
  /** Where it was rejected: `ingest` (validation) or `consumer` (processing failed repeatedly). */
  stage: 'ingest' | 'consumer';
  reason: string;
  site: string;
  /** The raw event (ingest) or stream entry (consumer), as JSON. */
  raw: string;
  at: number;
}

/** Longest reason kept in a dead-letter entry. */
const REASON_CHARS = 300;

/** Text cut to `maxBytes` of UTF-8 (a character cut in half is dropped). */
export function capText(text: string, maxBytes: number): { text: string; cut: boolean } {
  // a JS string of n characters is at most 3n bytes: most texts need no encoding at all
  if (text.length * 3 <= maxBytes || Buffer.byteLength(text) <= maxBytes) return { text, cut: false };
  return {
    text: Buffer.from(text)
      .subarray(0, maxBytes)
      .toString()
      .replace(/\uFFFD$/, ''),
    cut: true,
  };
}

/**
 * The fields of a dead-letter entry, its raw text capped at `rawBytes` (with `truncated` giving the
 * original size in bytes when it was cut), so that junk cannot grow the stream by more than its cap
 * times a kibibyte or so. `cut` tells whether anything was cut (for the metric).
 */
export function deadLetterFields(letter: DeadLetter, rawBytes: number): { fields: string[]; cut: boolean } {
  const raw = capText(letter.raw, rawBytes);
  const fields = [
    'stage',
    letter.stage,
    'reason',
    letter.reason.length > REASON_CHARS ? `${letter.reason.slice(0, REASON_CHARS)}…` : letter.reason,
    'site',
    letter.site,
    'raw',
    raw.text,
    'at',
    String(letter.at),
  ];
  if (raw.cut) fields.push('truncated', String(Buffer.byteLength(letter.raw)));
  return { fields, cut: raw.cut };
}

export interface DeadLetterLimits {
  /** Approximate cap of the dead-letter stream (`MAXLEN ~`). */
  maxLength: number;
  /** Bytes of raw text kept per entry. */
  rawBytes: number;
}

/**
 * Stores the accepted events (one entry) and the rejected ones (one dead-letter entry each).
 * @returns how many rejected events had their raw text cut
 */
export async function appendBatch(
  redis: Redis,
  keys: PartitionKeys,
  site: string,
  accepted: StoredEvent[],
  rejected: RejectedEvent[],
  at: number,
  limits: DeadLetterLimits,
): Promise<number> {
  if (accepted.length === 0 && rejected.length === 0) return 0;
  if (rejected.length === 0) {
    // the common case: one XADD is atomic by itself, and without MULTI it can share a write with other
    // requests' XADDs (the producer connection pipelines automatically)
    await redis.xadd(keys.stream, '*', 'site', site, 'events', JSON.stringify(accepted));
    return 0;
  }
  const multi = redis.multi();
  if (accepted.length > 0) multi.xadd(keys.stream, '*', 'site', site, 'events', JSON.stringify(accepted));
  let cut = 0;
  for (const { reason, raw } of rejected) {
    const letter = deadLetterFields(
      { stage: 'ingest', reason, site, raw: rawJson(raw), at },
      limits.rawBytes,
    );
    if (letter.cut) cut++;
    multi.xadd(keys.dlq, 'MAXLEN', '~', limits.maxLength, '*', ...letter.fields);
  }
  const results = await multi.exec();
  const failed = results?.find(([error]) => error);
  if (!results || failed) throw failed?.[0] ?? new Error('transaction aborted');
  return cut;
}

/**
 * JSON of a rejected event for the dead-letter stream. Whatever arrived was parsed from JSON, so it can
 * be written again, unless it nests deeper than the stack allows: then a note says so (never an
 * exception that would make the request look like a Redis failure).
 */
export function rawJson(raw: unknown): string {
  try {
    return JSON.stringify(raw) ?? 'undefined';
  } catch (error) {
    return `(not serialisable: ${(error as Error).message})`;
  }
}
