/**
 * Where Redis memory goes: every key's MEMORY USAGE summed by kind (the part of its name after the
 * partition prefix: `seen` for the dedupe id sets, `vis` for active visitors, `b:pages` for buckets…).
 */
import type Redis from 'ioredis';

/** `cp:{p3}:b:pages:shop-1:17640` → `b:pages`; `cp:{p3}:seen:1960` → `seen`; `cp:salt:2026-01-01` → `salt`. */
export function keyKind(key: string): string {
  const parts = key.replace(/^[^:]*:(\{p\d+\}:)?/, '').split(':');
  return ['b', 'agg', 'rank'].includes(parts[0]) && parts[1] ? `${parts[0]}:${parts[1]}` : parts[0];
}

export interface KindUsage {
  kind: string;
  keys: number;
  bytes: number;
}

/** Memory by key kind, largest first. */
export async function memoryByKind(redis: Redis): Promise<KindUsage[]> {
  const kinds = new Map<string, KindUsage>();
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'COUNT', 1000);
    cursor = next;
    const pipeline = redis.pipeline();
    for (const key of keys) pipeline.call('MEMORY', 'USAGE', key, 'SAMPLES', '0');
    const sizes = (await pipeline.exec()) ?? [];
    keys.forEach((key, i) => {
      const usage = kinds.get(keyKind(key)) ?? { kind: keyKind(key), keys: 0, bytes: 0 };
      usage.keys++;
      usage.bytes += Number(sizes[i]?.[1] ?? 0);
      kinds.set(usage.kind, usage);
    });
  } while (cursor !== '0');
  return [...kinds.values()].sort((a, b) => b.bytes - a.bytes);
}
