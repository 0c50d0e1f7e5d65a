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
  redis: Redis,
  partitions: PartitionKeys[],
  group: string,
): Promise<PartitionState[]> {
  const pipeline = redis.pipeline();
  for (const keys of partitions) {
    pipeline.xlen(keys.stream);
    pipeline.xlen(keys.dlq);
    pipeline.xinfo('GROUPS', keys.stream);
    pipeline.call('XINFO', 'STREAM', keys.dlq);
  }
  const replies = (await pipeline.exec()) ?? [];
  return partitions.map((keys, i) => {
    const [[streamError, streamEntries], [dlqError, dlqEntries], [, groups], [, dlqInfo]] = replies.slice(
      4 * i,
      4 * i + 4,
    );
    if (streamError || dlqError) throw streamError ?? dlqError;
    // XINFO STREAM fails for a dead-letter stream that does not exist yet: nothing dropped then
    const dlqFields = new Map<string, unknown>();
    const flat = (dlqInfo as unknown[]) ?? [];
    for (let j = 0; j + 1 < flat.length; j += 2) dlqFields.set(String(flat[j]), flat[j + 1]);
    const added = count(dlqFields.get('entries-added')) ?? (dlqEntries as number);
    // XINFO fails for a stream that does not exist yet: no group there either.
    const info = groupInfo(groups, group);
    return {
      partition: keys.partition,
      streamEntries: streamEntries as number,
      dlqEntries: dlqEntries as number,
      dlqDropped: Math.max(0, added - (dlqEntries as number)),
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
  redis: Redis,
  partitions: PartitionKeys[],
  settings: { windows: { activeMs: number }; granularityMs: number },
  now: number,
  top: number,
): Promise<ActiveUsers> {
  const from = windowStart(now, settings.windows.activeMs, settings.granularityMs);
  const totals = redis.pipeline();
  for (const keys of partitions) {
    totals.zcount(keys.allVisitors, from, '+inf');
    totals.zcount(keys.activeSites, from, '+inf');
    totals.zrange(keys.siteUsers, 0, top - 1, 'REV');
  }
  const replies = (await totals.exec()) ?? [];
  for (const [error] of replies) if (error) throw error;
  let total = 0;
  let sites = 0;
  const candidates: { keys: PartitionKeys; site: string }[] = [];
  partitions.forEach((keys, i) => {
    total += replies[3 * i][1] as number;
    sites += replies[3 * i + 1][1] as number;
    if (top > 0) for (const site of replies[3 * i + 2][1] as string[]) candidates.push({ keys, site });
  });
  const counts = redis.pipeline();
  for (const { keys, site } of candidates) counts.zcount(visitorsKey(keys, site), from, '+inf');
  const users = candidates.length ? ((await counts.exec()) ?? []) : [];
  const active = candidates
    .map(({ site }, i) => {
      const [error, value] = users[i];
      if (error) throw error;
      return { site, users: value as number };
    })
    .filter((entry) => entry.users > 0);
  active.sort((a, b) => b.users - a.users || (a.site < b.site ? -1 : 1));
  return { total, sites, top: active.slice(0, top) };
}
