/**
 * Which Redis failures mean "Redis is away or refusing writes" (answer 503, retry later, never count
 * toward the dead-letter attempts) and which are something else (a bug, or bad data in one entry).
 */
import { ReplyError } from 'ioredis';

/** Reply prefixes of a Redis that refuses work for now, whatever the command. */
const REFUSING = [
  'OOM',
  'READONLY',
  'MISCONF',
  'LOADING',
  'BUSY',
  'MASTERDOWN',
  'CLUSTERDOWN',
  'TRYAGAIN',
  'NOREPLICAS',
];

/** Connection-level failures raised by ioredis itself (no reply at all). */
const CONNECTION = [
  'Connection is closed',
  "Stream isn't writeable",
  'Command timed out',
  'Reached the max retries per request limit',
  'connect ECONNREFUSED',
  // a slot on the move answered TRYAGAIN or ASK longer than ioredis follows redirections
  'Too many Cluster redirections',
  "Cluster isn't ready",
  'ECONNRESET',
  'EPIPE',
];

/** Why Redis refuses writes (`OOM`, `READONLY`, `MISCONF`, ...), or null when it is not that. */
export function refusalOf(error: unknown): string | null {
  if (!(error instanceof ReplyError)) return null;
  const code = /^[A-Z]+/.exec((error as Error).message)?.[0] ?? '';
  return REFUSING.includes(code) ? code : null;
}

/** True when the failure is Redis being unreachable or refusing writes, not a problem of the request. */
export function isRedisUnavailable(error: unknown): boolean {
  if (refusalOf(error)) return true;
  if (error instanceof ReplyError) return false;
  const message = String((error as Error)?.message ?? error);
  return (
    (error as Error)?.name === 'MaxRetriesPerRequestError' ||
    CONNECTION.some((text) => message.includes(text))
  );
}

/** A one-line description of a Redis failure for a 503's body and `/readyz`. */
export function describeUnavailable(error: unknown): string {
  const refusal = refusalOf(error);
  if (refusal === 'OOM') return 'Redis is out of memory (maxmemory reached) and refuses writes';
  if (refusal === 'READONLY') return 'Redis is a read-only replica and refuses writes';
  if (refusal === 'MISCONF') return 'Redis cannot persist to disk (MISCONF) and refuses writes';
  if (refusal === 'LOADING') return 'Redis is loading its data';
  if (refusal) return `Redis refuses writes (${refusal})`;
  return 'Redis is unreachable';
}

/** A Redis URL without its password, for logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}
