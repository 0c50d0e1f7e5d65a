/**
 * Writes accepted events to the partition's stream and rejected ones to its dead-letter stream, in one
 * MULTI so that a 2xx always means both are stored (a lone XADD when nothing was rejected). The
 * connection does not queue commands while Redis is away (enableOfflineQueue: false), so the caller gets
 * an error at once and answers 503.
 */
import type { RedisClient } from '../redis/client.js';
import type { PartitionKeys } from '../keys.js';
import { cappedJson } from '../protocol/capped-json.js';
import type { RejectedEvent } from '../protocol/normalize.js';
import type { StoredClient, StoredEvent } from '../protocol/stored-event.js';

export interface DeadLetter {
  /** Where it was rejected: `ingest` (validation) or `consumer` (processing failed repeatedly). */
  stage: 'ingest' | 'consumer';
  reason: string;
  site: string;
  /** The raw event (ingest) or stream entry (consumer), as JSON (cut to the cap when stored). */
  raw: string;
  /** `raw` was already cut before (cappedJson). */
  truncated?: boolean;
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
 * The fields of a dead-letter entry, its raw text capped at `rawBytes` (with `truncated: true` when it
 * was cut), so that junk cannot grow the stream by more than its cap times a kibibyte or so. `cut` tells
 * whether anything was cut (for the metric).
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
  if (raw.cut || letter.truncated) fields.push('truncated', 'true');
  return { fields, cut: raw.cut || letter.truncated === true };
}

export interface DeadLetterLimits {
  /** Approximate cap of the dead-letter stream (`MAXLEN ~`). */
  maxLength: number;
  /** Bytes of raw text kept per entry. */
  rawBytes: number;
}

/**
 * Stores the accepted events (one entry, with the site's time zone unless it is UTC) and the rejected
 * ones (one dead-letter entry each).
 * @returns how many rejected events had their raw text cut
 */
export async function appendBatch(
  redis: RedisClient,
  keys: PartitionKeys,
  site: string,
  accepted: StoredEvent[],
  rejected: RejectedEvent[],
  at: number,
  limits: DeadLetterLimits,
  client?: StoredClient,
  timezone?: string,
): Promise<number> {
  if (accepted.length === 0 && rejected.length === 0) return 0;
  const fields = ['site', site, 'events', JSON.stringify(accepted)];
  if (client) fields.push('client', JSON.stringify(client));
  if (timezone && timezone !== 'UTC') fields.push('tz', timezone);
  if (rejected.length === 0) {
    // the common case: one XADD is atomic by itself, and without MULTI it can share a write with other
    // requests' XADDs (the producer connection pipelines automatically)
    await redis.xadd(keys.stream, '*', ...fields);
    return 0;
  }
  const multi = redis.multi();
  if (accepted.length > 0) multi.xadd(keys.stream, '*', ...fields);
  let cut = 0;
  for (const { reason, raw } of rejected) {
    const json = cappedJson(raw, limits.rawBytes);
    const letter = deadLetterFields(
      { stage: 'ingest', reason, site, raw: json.text, truncated: json.cut, at },
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
