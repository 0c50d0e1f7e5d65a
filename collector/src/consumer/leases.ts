/**
 * Sharing partitions out between consumers: every consumer heartbeats into `<prefix>:consumers`, takes
 * its fair share (partitions ÷ live consumers, rounded up) of the partition leases (windows/lua/lease.lua),
 * renews them, and releases what is over its share when others join, so N consumers do not each block on
 * every partition. A consumer that dies stops renewing: its leases expire after `leaseMs` and the others
 * take them (and claim its pending entries, consumer.ts). Leases only spread the work; correctness never
 * depends on them (applies are atomic and de-duplicated).
 */
import { consumersKey, type PartitionKeys } from '../keys.js';
import type { RedisClient } from '../redis/client.js';
import { engineCommands } from '../windows/lua/scripts.js';

export interface LeaseOptions {
  redis: RedisClient;
  keyPrefix: string;
  partitions: PartitionKeys[];
  consumerName: string;
  leaseMs: number;
  /** A partition is now ours: start reading it. */
  start(keys: PartitionKeys): void;
  /** A partition is no longer ours (lost or handed over): stop reading it after the batch in hand. */
  stop(keys: PartitionKeys): void;
}

/** Where a consumer starts looking for free partitions: spread by name, so joiners do not all collide. */
export function startIndex(name: string, partitions: number): number {
  let hash = 0;
  for (let i = 0; i < name.length; i++) hash = (Math.imul(hash, 31) + name.charCodeAt(i)) >>> 0;
  return hash % partitions;
}

export const fairShare = (partitions: number, live: number) => Math.ceil(partitions / Math.max(1, live));

export function partitionLeases(options: LeaseOptions) {
  const { redis, partitions, consumerName, leaseMs } = options;
  const scripted = engineCommands(redis);
  const held = new Set<number>();
  const first = startIndex(consumerName, partitions.length);
  const order = partitions.map((_, i) => partitions[(first + i) % partitions.length]);
  const lease = async (keys: PartitionKeys, action: 'take' | 'renew' | 'release') =>
    (
      JSON.parse(await scripted.cartpulseLease(keys.lease, consumerName, action, leaseMs)) as {
        held: boolean;
      }
    ).held;

  return {
    held: () => [...held].sort((a, b) => a - b),
    /** One round: heartbeat, renew, hand over what is over the share, take what is missing. */
    async rebalance(): Promise<void> {
      const beat = await scripted.cartpulseHeartbeat(
        consumersKey(options.keyPrefix),
        consumerName,
        Date.now(),
        leaseMs,
      );
      const share = fairShare(partitions.length, (JSON.parse(beat) as { live: number }).live);
      for (const keys of order) {
        if (!held.has(keys.partition) || (await lease(keys, 'renew'))) continue;
        held.delete(keys.partition);
        options.stop(keys);
      }
      for (const keys of [...order].reverse()) {
        if (held.size <= share) break;
        if (!held.has(keys.partition)) continue;
        held.delete(keys.partition);
        options.stop(keys);
        await lease(keys, 'release');
      }
      for (const keys of order) {
        if (held.size >= share) break;
        if (held.has(keys.partition) || !(await lease(keys, 'take'))) continue;
        held.add(keys.partition);
        options.start(keys);
      }
    },
    /** Hands every lease back (the others take them at their next round) and leaves the group. */
    async releaseAll(): Promise<void> {
      for (const keys of order) if (held.has(keys.partition)) await lease(keys, 'release');
      held.clear();
      await redis.zrem(consumersKey(options.keyPrefix), consumerName);
    },
  };
}
