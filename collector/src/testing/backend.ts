/** Test helpers for orders from the shop's backend: what a partition's stream and dead letters hold. */
import type { PartitionKeys } from '../keys.js';
import type { StoredBatch } from '../protocol/stored-event.js';
import type { RedisClient } from '../redis/client.js';
import { TEST_TOKEN } from './cartpulse.js';

const fieldsOf = (flat: string[]) =>
  Object.fromEntries(flat.flatMap((_, i) => (i % 2 ? [] : [[flat[i], flat[i + 1]]]))) as Record<
    string,
    string
  >;

/** Every stream entry of one site in its partition, oldest first, as the consumer reads it. */
export async function storedBatches(
  redis: RedisClient,
  keys: PartitionKeys,
  site: string,
): Promise<StoredBatch[]> {
  return (await redis.xrange(keys.stream, '-', '+'))
    .map(([, flat]) => fieldsOf(flat))
    .filter((fields) => fields.site === site)
    .map((fields) => {
      const batch: StoredBatch = { site: fields.site, events: JSON.parse(fields.events) };
      if (fields.client) batch.client = JSON.parse(fields.client);
      if (fields.tz) batch.timezone = fields.tz;
      return batch;
    });
}

/** Every dead letter of one site in its partition, oldest first, as field maps. */
export async function deadLetters(redis: RedisClient, keys: PartitionKeys, site: string) {
  return (await redis.xrange(keys.dlq, '-', '+'))
    .map(([, flat]) => fieldsOf(flat))
    .filter((fields) => fields.site === site);
}

/** Registers a site (with the given fields) and creates a server key for it, through the API. */
export async function siteWithKey(url: string, site: Record<string, unknown> & { id: string }) {
  const headers = { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' };
  const registered = await fetch(`${url}/api/sites`, { method: 'POST', headers, body: JSON.stringify(site) });
  if (registered.status >= 300) throw new Error(`registering ${site.id}: ${registered.status}`);
  const created = await fetch(`${url}/api/sites/${site.id}/keys`, { method: 'POST', headers });
  if (created.status !== 201) throw new Error(`a key for ${site.id}: ${created.status}`);
  return (await created.json()) as { id: string; key: string };
}
