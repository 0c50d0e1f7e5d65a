/**
 * What Redis knows, read when Prometheus scrapes: per stream partition, the stream's length, the consumer
 * group's pending entries and lag (XINFO GROUPS) and the dead-letter stream's length; and the active
 * users across sites, as a total and for the top N sites. One pipeline per read, whatever the traffic.
 */
import type { RedisClient } from '../redis/client.js';
import type { PartitionKeys } from '../keys.js';
import { windowStart } from '../windows/arithmetic.js';

export interface PartitionState {
  partition: number;
  streamEntries: number;
  dlqEntries: number;
  /** Dead-letter entries dropped by the stream's cap (`entries-added` − length: nothing else deletes). */
  dlqDropped: number;
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
  redis: RedisClient,
  partitions: PartitionKeys[],
  group: string,
): Promise<PartitionState[]> {
  // one pipeline per partition (its keys share a slot), all partitions at once
  return Promise.all(
    partitions.map(async (keys) => {
      const [[streamError, streamEntries], [dlqError, dlqEntries], [, groups], [, dlqInfo]] = ((await redis
        .pipeline()
        .xlen(keys.stream)
        .xlen(keys.dlq)
        .xinfo('GROUPS', keys.stream)
        .call('XINFO', 'STREAM', keys.dlq)
        .exec()) ?? []) as [Error | null, unknown][];
      if (streamError || dlqError) throw streamError ?? dlqError;
      // XINFO GROUPS fails for a stream that does not exist yet: no group there either; XINFO STREAM
      // fails for a dead-letter stream that does not exist yet: nothing dropped then
      const info = groupInfo(groups, group);
      const dlqFields = new Map<string, unknown>();
      const flat = (dlqInfo as unknown[]) ?? [];
      for (let j = 0; j + 1 < flat.length; j += 2) dlqFields.set(String(flat[j]), flat[j + 1]);
      const added = count(dlqFields.get('entries-added')) ?? (dlqEntries as number);
      return {
        partition: keys.partition,
        streamEntries: streamEntries as number,
        dlqEntries: dlqEntries as number,
        dlqDropped: Math.max(0, added - (dlqEntries as number)),
        pending: count(info?.get('pending')),
        lag: count(info?.get('lag')),
      };
    }),
  );
}

export interface ActiveUsers {
  /** Active users summed over sites (a person on two shops counts twice). */
  total: number;
  /** Sites with at least one active user. */
  sites: number;
  /** The `top` sites with the most active users, most first (ties by site id). */
  top: { site: string; users: number }[];
}

/** The sorted set of visitor id → last seen that the window scripts keep per site (windows/lua/apply.lua, `vis`). */
const visitorsKey = (keys: PartitionKeys, site: string) => `${keys.prefix}vis:${site}`;

/**
 * The snapshot's `activeUsers` across sites, in O(partitions × top), never O(sites): per partition, the
 * apply script keeps every active visitor (`allVisitors`), each active site's latest event
 * (`activeSites`) and its active users at its latest batch (`siteUsers`). The total and the site count
 * are exact counts of the first two; the top N are the partitions' top candidates, each counted again
 * exactly now.
 */
export async function readActiveUsers(
  redis: RedisClient,
  partitions: PartitionKeys[],
  settings: { windows: { activeMs: number }; granularityMs: number },
  now: number,
  top: number,
): Promise<ActiveUsers> {
  const from = windowStart(now, settings.windows.activeMs, settings.granularityMs);
  // one pipeline per partition (its keys share a slot): its totals, its top candidates counted again
  const perPartition = await Promise.all(
    partitions.map(async (keys) => {
      const replies = ((await redis
        .pipeline()
        .zcount(keys.allVisitors, from, '+inf')
        .zcount(keys.activeSites, from, '+inf')
        .zrange(keys.siteUsers, 0, top - 1, 'REV')
        .exec()) ?? []) as [Error | null, unknown][];
      for (const [error] of replies) if (error) throw error;
      const candidates = top > 0 ? (replies[2][1] as string[]) : [];
      const counts = redis.pipeline();
      for (const site of candidates) counts.zcount(visitorsKey(keys, site), from, '+inf');
      const users = candidates.length ? ((await counts.exec()) ?? []) : [];
      const sites = candidates.map((site, i) => {
        const [error, value] = users[i];
        if (error) throw error;
        return { site, users: value as number };
      });
      return { total: replies[0][1] as number, active: replies[1][1] as number, sites };
    }),
  );
  const active = perPartition.flatMap((partition) => partition.sites).filter((entry) => entry.users > 0);
  active.sort((a, b) => b.users - a.users || (a.site < b.site ? -1 : 1));
  return {
    total: perPartition.reduce((sum, partition) => sum + partition.total, 0),
    sites: perPartition.reduce((sum, partition) => sum + partition.active, 0),
    top: active.slice(0, top),
  };
}
