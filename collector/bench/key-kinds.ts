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

/**
 * What a shop's day is made of, by key kind (windows/days.ts, windows/params.ts): the day rollups, the
 * first times of the day, the event ids kept for de-duplication; every other kind is the live windows and
 * what serves them.
 */
export const DAY_PARTS = [
  { name: 'day rollups', kinds: ['day', 'dmin'] },
  { name: 'first times of the day', kinds: ['dvis', 'dses', 'dbuy'] },
  { name: 'event ids for de-duplication', kinds: ['seen'] },
] as const;

export const OTHER_PART = 'everything else';

export interface PartUsage extends KindUsage {
  /** The kinds it holds, largest first. */
  of: KindUsage[];
}

/** Usage by kind summed into `DAY_PARTS` and `OTHER_PART`, in that order. */
export function dayParts(kinds: readonly KindUsage[]): PartUsage[] {
  const partOf = (kind: string) =>
    DAY_PARTS.find((part) => (part.kinds as readonly string[]).includes(kind))?.name ?? OTHER_PART;
  return [...DAY_PARTS.map((part) => part.name), OTHER_PART].map((name) => {
    const of = kinds.filter((k) => partOf(k.kind) === name).sort((a, b) => b.bytes - a.bytes);
    return {
      kind: name,
      keys: of.reduce((sum, k) => sum + k.keys, 0),
      bytes: of.reduce((sum, k) => sum + k.bytes, 0),
      of,
    };
  });
}
