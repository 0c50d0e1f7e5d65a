/**
 * Removing a site takes everything of it along: its registration (with its webhook secrets) and its
 * server keys (one MULTI, `store.ts`), its window keys and those of its
 * segments (named, not scanned: `windows/site-keys.ts`, and the segment index `segs:<site>`), its
 * sessions' attributions, live carts and derived sessions (one key per session: scanned for, on the node that
 * holds the site's partition only), its entries in the partition's active-visitor sets, its share links,
 * its alert rules and its refused-site count. Entries of the site still in the stream are applied by the consumer and
 * then expire with the site's TTL; its dead-letter entries stay until the capped stream drops them.
 */
import { mastersOf, type RedisClient } from '../redis/client.js';
import type { CartpulseOptions } from '../config.js';
import { partitionKeys, partitionOf } from '../keys.js';
import { alertStore } from '../alerts/store.js';
import { shareStore } from '../shares/store.js';
import { siteWindowKeys } from '../windows/site-keys.js';
import type { RefusedSites } from './refused.js';
import type { SiteRegistry } from './registry.js';

export interface SiteRemoval {
  redis: RedisClient;
  options: CartpulseOptions;
  registry: Pick<SiteRegistry, 'remove'>;
  refused: Pick<RefusedSites, 'forget'>;
}

/** True when the site was registered (its keys are deleted either way). */
export async function removeSite(
  { redis, options, registry, refused }: SiteRemoval,
  site: string,
): Promise<boolean> {
  const removed = await registry.remove(site);
  const keys = partitionKeys(options.keyPrefix, partitionOf(site, options.partitions));
  const now = options.clock();
  const segmentIndex = `${keys.prefix}segs:${site}`;
  const segments = await redis.zrange(segmentIndex, 0, -1);
  const names = [site, ...segments].flatMap((id) => siteWindowKeys(keys, id, now, options));
  names.push(segmentIndex);
  for (let i = 0; i < names.length; i += 500) await redis.unlink(...names.slice(i, i + 500));
  for (const node of mastersOf(redis))
    for (const name of ['sa', 'sess', 'cart', 'order'])
      await unlinkPrefixed(node, `${keys.prefix}${name}:${site}:`);
  await redis.multi().zrem(keys.activeSites, site).zrem(keys.siteUsers, site).exec();
  let cursor = '0';
  do {
    const [next, flat] = await redis.zscan(keys.allVisitors, cursor, 'MATCH', `${site}|*`, 'COUNT', 1000);
    const members = flat.filter((_, i) => i % 2 === 0);
    if (members.length) await redis.zrem(keys.allVisitors, ...members);
    cursor = next;
  } while (cursor !== '0');
  const shares = shareStore(redis, options.keyPrefix);
  for (const share of await shares.list(site)) await shares.revoke(share.id);
  const alerts = alertStore(redis, options.keyPrefix);
  for (const rule of await alerts.list(site)) await alerts.remove(rule.id);
  await refused.forget(site);
  return removed;
}

async function unlinkPrefixed(node: RedisClient, prefix: string): Promise<void> {
  const glob = `${prefix.replace(/[[\]*?\\]/g, (c) => `\\${c}`)}*`;
  let cursor = '0';
  do {
    const [next, found] = await node.scan(cursor, 'MATCH', glob, 'COUNT', 1000);
    if (found.length) await node.unlink(...found);
    cursor = next;
  } while (cursor !== '0');
}
