/**
 * What Redis knows, read when Prometheus scrapes: per stream partition, the stream's length, the consumer
 * group's pending entries and lag (XINFO GROUPS) and the dead-letter stream's length; and the active
 * users across sites, as a total and for the top N sites. One pipeline per read, whatever the traffic.
 */
import type Redis from 'ioredis';
import type { PartitionKeys } from '../keys.js';
import { windowStart } from '../windows/arithmetic.js';

export interface PartitionState {
  partition: number;
  streamEntries: number;
  dlqEntries: number;
  /** Entries delivered to a consumer of the group and not yet acknowledged; null without a group. */
  pending: number | null;
  /** Entries not yet delivered to the group; null when Redis cannot tell (or without a group). */
  lag: number | null;
}

/** XINFO GROUPS answers one flat `[field, value, ...]` array per group. */
function groupInfo(groups: unknown, group: string): Map<string, unknown> | undefined {
  for (const flat of (groups as unknown[][]) ?? []) {
    const fields = new Map<string, unknown>();
    for (let i = 0; i + 1 < flat.length; i += 2) fields.set(String(flat[i]), flat[i + 1]);
    if (fields.get('name') === group) return fields;
  }
  return undefined;
}

const count = (value: unknown) => (typeof value === 'number' ? value : null);

export async function readPartitionStates(
  redis: Redis,
  partitions: PartitionKeys[],
  group: string,
): Promise<PartitionState[]> {
  const pipeline = redis.pipeline();
  for (const keys of partitions) {
    pipeline.xlen(keys.stream);
    pipeline.xlen(keys.dlq);
    pipeline.xinfo('GROUPS', keys.stream);
  }
  const replies = (await pipeline.exec()) ?? [];
  return partitions.map((keys, i) => {
    const [[streamError, streamEntries], [dlqError, dlqEntries], [, groups]] = replies.slice(
      3 * i,
      3 * i + 3,
    );
    if (streamError || dlqError) throw streamError ?? dlqError;
    // XINFO fails for a stream that does not exist yet: no group there either.
    const info = groupInfo(groups, group);
    return {
      partition: keys.partition,
      streamEntries: streamEntries as number,
      dlqEntries: dlqEntries as number,
      pending: count(info?.get('pending')),
      lag: count(info?.get('lag')),
    };
  });
}

export interface ActiveUsers {
  /** Active users summed over sites (a person on two shops counts twice). */
  total: number;
  /** Sites with at least one active user. */
  sites: number;
  /** The `top` sites with the most active users, most first (ties by site id). */
  top: { site: string; users: number }[];
}

/** The sorted set of visitor id → last seen that the window scripts keep per site (windows/scripts.ts, `vis`). */
const visitorsKey = (keys: PartitionKeys, site: string) => `${keys.prefix}vis:${site}`;

/**
 * The snapshot's `activeUsers` for every site at once: one SMEMBERS per partition, then one ZCOUNT per
 * site from the start of the active window.
 */
export async function readActiveUsers(
  redis: Redis,
  partitions: PartitionKeys[],
  settings: { windows: { activeMs: number }; granularityMs: number },
  now: number,
  top: number,
): Promise<ActiveUsers> {
  const members = redis.pipeline();
  for (const keys of partitions) members.smembers(keys.sites);
  const sitesByPartition = ((await members.exec()) ?? []).map(([error, sites]) => {
    if (error) throw error;
    return sites as string[];
  });
  const from = windowStart(now, settings.windows.activeMs, settings.granularityMs);
  const counts = redis.pipeline();
  const sites: string[] = [];
  partitions.forEach((keys, i) => {
    for (const site of sitesByPartition[i]) {
      sites.push(site);
      counts.zcount(visitorsKey(keys, site), from, '+inf');
    }
  });
  const users = sites.length ? ((await counts.exec()) ?? []) : [];
  const active = sites
    .map((site, i) => {
      const [error, value] = users[i];
      if (error) throw error;
      return { site, users: value as number };
    })
    .filter((entry) => entry.users > 0);
  active.sort((a, b) => b.users - a.users || (a.site < b.site ? -1 : 1));
  return {
    total: active.reduce((sum, entry) => sum + entry.users, 0),
    sites: active.length,
    top: active.slice(0, top),
  };
}
