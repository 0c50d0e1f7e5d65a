/**
 * Reads the state a batch's delta is decided on (windows/delta.ts `SiteState`): derived sessions,
 * session attributions, live carts and the orders' ledger records first, then, once the attributions say which
 * segments the batch feeds, the latest times of its visitors there. Plain reads of one partition (one
 * slot); the apply script checks the same values again before it writes.
 */
import type { PartitionKeys } from '../keys.js';
import type { StoredBatch } from '../protocol/stored-event.js';
import type { RedisClient } from '../redis/client.js';
import {
  attributionKey,
  type Delta,
  type DeltaSettings,
  emptySiteState,
  firstsOfBatch,
  type SiteState,
} from './delta.js';

/** Derived sessions, attributions and order sightings of every site in the batches. */
export async function readSessionState(
  redis: RedisClient,
  keys: PartitionKeys,
  batches: StoredBatch[],
  breakdowns: boolean,
): Promise<Record<string, SiteState>> {
  const wanted = new Map<string, { derived: Set<string>; sessions: Set<string>; orders: Set<string> }>();
  for (const { site, events } of batches) {
    let w = wanted.get(site);
    if (!w) wanted.set(site, (w = { derived: new Set(), sessions: new Set(), orders: new Set() }));
    for (const event of events) {
      if (event.sid === undefined) w.derived.add(event.vid);
      w.sessions.add(attributionKey(event));
      if ((event.type === 'purchase' || event.type === 'refund') && event.order !== undefined)
        w.orders.add(event.order);
    }
  }
  const state: Record<string, SiteState> = {};
  const pipeline = redis.pipeline();
  const reads: ((values: unknown) => void)[] = [];
  for (const [site, w] of wanted) {
    const s = (state[site] = emptySiteState());
    const derived = [...w.derived];
    const sessions = [...w.sessions];
    const attributions = breakdowns ? sessions : [];
    const orders = [...w.orders];
    pipeline.mget(
      ...derived.map((vid) => `${keys.prefix}sess:${site}:${vid}`),
      ...attributions.map((key) => `${keys.prefix}sa:${site}:${key}`),
      ...sessions.map((key) => `${keys.prefix}cart:${site}:${key}`),
      ...orders.map((order) => `${keys.prefix}order:${site}:${order}`),
    );
    reads.push((values) => {
      const list = values as (string | null)[];
      let i = 0;
      for (const vid of derived) {
        const value = list[i++];
        if (value !== null) s.derived[vid] = value;
      }
      for (const key of attributions) {
        const value = list[i++];
        if (value !== null) s.attributions[key] = value;
      }
      for (const key of sessions) {
        const value = list[i++];
        if (value !== null) s.carts[key] = value;
      }
      for (const order of orders) {
        const value = list[i++];
        if (value !== null) s.orders[order] = value;
      }
    });
  }
  await runReads(pipeline, reads);
  return state;
}

/**
 * Adds to `state` the first times of the day (windows/days.ts) of the batch's visitors, sessions and
 * buyers; read after `readSessionState`, which names the derived sessions.
 */
export async function readDayState(
  redis: RedisClient,
  keys: PartitionKeys,
  batches: StoredBatch[],
  now: number,
  settings: DeltaSettings,
  state: Record<string, SiteState>,
): Promise<void> {
  const pipeline = redis.pipeline();
  const reads: ((values: unknown) => void)[] = [];
  for (const [site, sets] of Object.entries(firstsOfBatch(batches, now, settings, state))) {
    const s = (state[site] ??= emptySiteState());
    for (const [name, wanted] of Object.entries(sets)) {
      const members = [...wanted];
      // `<set>:<date>` is stored as `<set>:<site>:<date>`
      const [set, date] = name.split(':');
      pipeline.zmscore(`${keys.prefix}${set}:${site}:${date}`, ...members);
      reads.push((values) => {
        const times: Record<string, number> = {};
        (values as (string | null)[]).forEach((score, i) => {
          if (score !== null) times[members[i]] = Number(score);
        });
        s.firsts[name] = times;
      });
    }
  }
  await runReads(pipeline, reads);
}

/** Adds to `state` the latest time of each visitor in each segment the delta feeds. */
export async function readSegmentState(
  redis: RedisClient,
  keys: PartitionKeys,
  delta: Delta,
  state: Record<string, SiteState>,
): Promise<void> {
  const pipeline = redis.pipeline();
  const reads: ((values: unknown) => void)[] = [];
  for (const [site, change] of Object.entries(delta.changes)) {
    const s = (state[site] ??= emptySiteState());
    for (const segment of change.segments) {
      const vids = Object.keys(delta.sites[segment].visitors);
      if (vids.length === 0) continue;
      pipeline.zmscore(`${keys.prefix}vis:${segment}`, ...vids);
      reads.push((values) => {
        const times: Record<string, number> = {};
        (values as (string | null)[]).forEach((score, i) => {
          if (score !== null) times[vids[i]] = Number(score);
        });
        s.latest[segment] = times;
      });
    }
  }
  await runReads(pipeline, reads);
}

async function runReads(
  pipeline: ReturnType<RedisClient['pipeline']>,
  reads: ((values: unknown) => void)[],
): Promise<void> {
  if (reads.length === 0) return;
  const replies = (await pipeline.exec()) ?? [];
  replies.forEach(([error, values], i) => {
    if (error) throw error;
    reads[i](values);
  });
}
