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

export function deadLetterFields(letter: DeadLetter): string[] {
  return [
    'stage',
    letter.stage,
    'reason',
    letter.reason,
    'site',
    letter.site,
    'raw',
    letter.raw,
    'at',
    String(letter.at),
  ];
}

export async function appendBatch(
  redis: Redis,
  keys: PartitionKeys,
  site: string,
  accepted: StoredEvent[],
  rejected: RejectedEvent[],
  at: number,
  dlqMaxLength: number,
): Promise<void> {
  if (accepted.length === 0 && rejected.length === 0) return;
  if (rejected.length === 0) {
    // the common case: one XADD is atomic by itself, and without MULTI it can share a write with other
    // requests' XADDs (the producer connection pipelines automatically)
    await redis.xadd(keys.stream, '*', 'site', site, 'events', JSON.stringify(accepted));
    return;
  }
  const multi = redis.multi();
  if (accepted.length > 0) multi.xadd(keys.stream, '*', 'site', site, 'events', JSON.stringify(accepted));
  for (const { reason, raw } of rejected) {
    const letter: DeadLetter = { stage: 'ingest', reason, site, raw: safeJson(raw), at };
    multi.xadd(keys.dlq, 'MAXLEN', '~', dlqMaxLength, '*', ...deadLetterFields(letter));
  }
  const results = await multi.exec();
  const failed = results?.find(([error]) => error);
  if (!results || failed) throw failed?.[0] ?? new Error('transaction aborted');
}

function safeJson(raw: unknown): string {
  try {
    return JSON.stringify(raw) ?? 'undefined';
  } catch {
    return String(raw);
  }
}
