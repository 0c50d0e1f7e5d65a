/**
 * How far a stream may be trimmed: below the oldest entry that some group has not finished, i.e. for each
 * group its oldest pending entry, or its last delivered id when nothing is pending. Entries never
 * delivered lie above every group's last delivered id, so they are never trimmed.
 */
import type { RedisClient } from '../redis/client.js';

export function compareIds(a: string, b: string): number {
  const [aMs, aSeq] = a.split('-').map(BigInt);
  const [bMs, bSeq] = b.split('-').map(BigInt);
  if (aMs !== bMs) return aMs < bMs ? -1 : 1;
  if (aSeq !== bSeq) return aSeq < bSeq ? -1 : 1;
  return 0;
}

export async function safeTrimId(redis: RedisClient, stream: string): Promise<string | null> {
  const groups = (await redis.xinfo('GROUPS', stream)) as (string | number)[][];
  let safe: string | null = null;
  for (const flat of groups) {
    const info = new Map<string, string | number>();
    for (let i = 0; i + 1 < flat.length; i += 2) info.set(String(flat[i]), flat[i + 1]);
    let floor = String(info.get('last-delivered-id'));
    if (Number(info.get('pending')) > 0) {
      const [, oldestPending] = (await redis.xpending(stream, String(info.get('name')))) as [number, string];
      floor = oldestPending;
    }
    if (safe === null || compareIds(floor, safe) < 0) safe = floor;
  }
  return safe === '0-0' ? null : safe;
}
