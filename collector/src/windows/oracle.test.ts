/**
 * The windows against a brute-force recount: a seeded log of 20,000+ events goes through HTTP, the
 * stream and the consumer, on a simulated clock; at checkpoints every field of every site's snapshot
 * must equal the recount.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { CartpulseOptions } from '../config.js';
import { MINUTE } from '../config.js';
import { createClient, mastersOf } from '../redis/client.js';
import type { RunningCartpulse } from '../server.js';
import { startConsumer } from '../consumer/consumer.js';
import { getSnapshot, testCartpulse, testClusterCartpulse } from '../testing/cartpulse.js';
import { migrateSlot, type PrivateCluster } from '../testing/cluster.js';
import { waitUntilProcessed } from '../testing/drain.js';
import { generateLog, PRODUCT_NAMES } from '../testing/event-log.js';
import { comparable, type Delivered, recount } from '../testing/oracle.js';
import { DIMENSIONS } from './dimensions.js';
import type { Snapshot } from './snapshot.js';

const SITES = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot'];
const START = Date.UTC(2026, 10, 20, 0, 5); // a simulated night; salts rotate at midnight UTC

type Start = (
  overrides: Partial<CartpulseOptions>,
) => Promise<RunningCartpulse & { cluster?: PrivateCluster }>;

describe('rolling windows against a brute-force recount, on one Redis', () => oracle(testCartpulse));
describe('rolling windows against a brute-force recount, on a 3-master Redis Cluster', () =>
  oracle(testClusterCartpulse));
describe('rolling windows against a brute-force recount, while the busiest partition moves to another master', () =>
  oracle(testClusterCartpulse, { reshard: true }));

async function oracle(start: Start, { reshard = false } = {}) {
  let simulatedNow = START;
  const cartpulse = await start({ clock: () => simulatedNow, trustProxy: true, readCount: 50 });
  const redis = createClient(cartpulse.options);
  // with a slot on the move, two consumers share the work, as in production
  const second = reshard ? await startConsumer({ ...cartpulse.options, consumerName: 'second' }) : undefined;
  afterAll(() => second?.stop());
  const settings = cartpulse.options;
  const log = generateLog({
    seed: 7,
    start: START,
    durationMs: 100 * MINUTE,
    events: 22_000,
    sites: SITES,
    visitorsPerSite: 120,
  });

  it('has a log worth checking', () => {
    const events = log.flatMap((b) => b.body.events);
    expect(events.length).toBeGreaterThanOrEqual(20_000);
    const types = new Set(events.map((e) => e.type));
    expect(types).toEqual(
      new Set([
        'pageview',
        'event',
        'view_item',
        'add_to_cart',
        'remove_from_cart',
        'begin_checkout',
        'purchase',
        'teleport',
      ]),
    );
  });

  it('every snapshot field equals the recount at each checkpoint', async () => {
    const delivered: Delivered[] = [];
    // off the minute and bucket edges too, where rounding mistakes would show
    const checkpoints = [20.5, 45.27, 61.013, 80, 101.9].map((m) => START + Math.round(m * MINUTE));
    let checked = 0;
    let filteredChecks = 0;
    const cartStages = new Set<string>();
    let rejected = 0;
    let migration: Promise<{ from: number; to: number }> | undefined;
    let sentDuringMove = 0;
    let moving = false;
    const busy = cartpulse.context.keysFor(SITES[0]).stream; // a partition that gets events all along
    for (const [index, batch] of log.entries()) {
      if (reshard && !migration && index === Math.floor(log.length / 3) && cartpulse.cluster) {
        const slot = (await redis.cluster('KEYSLOT', busy)) as number;
        moving = true;
        migration = migrateSlot(cartpulse.cluster, slot).finally(() => {
          moving = false;
        });
      }
      if (moving) sentDuringMove++;
      while (checkpoints.length && batch.at > checkpoints[0]) {
        simulatedNow = checkpoints.shift() as number;
        await waitUntilProcessed(redis, cartpulse.context.partitions, settings.group);
        for (const site of SITES) {
          const snapshot = await getSnapshot(cartpulse.url, site);
          const when = `${site} at +${(simulatedNow - START) / MINUTE} min`;
          expect(comparable(snapshot), when).toEqual(
            recount(delivered, site, simulatedNow, settings, PRODUCT_NAMES),
          );
          checked++;
          const { carts } = (snapshot as Snapshot).ecommerce;
          for (const stage of ['active', 'checkingOut', 'purchased'] as const)
            if (carts[stage].sessions > 0) cartStages.add(stage);
          // the view filtered by a row of each breakdown: the top row, and the last one shown
          for (const dimension of DIMENSIONS) {
            const rows = (snapshot as Snapshot).breakdowns[dimension].filter(
              (row) => row.value !== '(other)',
            );
            for (const row of new Set([rows[0], rows[rows.length - 1]])) {
              if (!row) continue;
              const filter = { dimension, value: row.value };
              const filtered = await getSnapshot(cartpulse.url, site, undefined, `${dimension}:${row.value}`);
              expect(comparable(filtered), `${when}, ${dimension}: ${row.value}`).toEqual(
                recount(delivered, site, simulatedNow, settings, PRODUCT_NAMES, filter),
              );
              filteredChecks++;
            }
          }
        }
      }
      simulatedNow = batch.at;
      const post = () =>
        fetch(`${cartpulse.url}/ingest`, {
          method: 'POST',
          headers: {
            'content-type': 'text/plain',
            'user-agent': batch.userAgent,
            'x-forwarded-for': batch.ip,
          },
          body: JSON.stringify(batch.body),
        });
      let response = await post();
      // while a slot moves, a write that spans two of its keys may meet them split (TRYAGAIN) for longer
      // than ioredis waits: the collector answers 503, stores nothing, and the client sends again, as the
      // SDK does
      while (reshard && response.status === 503) {
        await new Promise((r) => setTimeout(r, 100));
        response = await post();
      }
      expect(response.status).toBe(202);
      rejected += ((await response.json()) as { rejected: number }).rejected;
      delivered.push(...batch.delivered);
    }
    if (migration) {
      const moved = await migration;
      expect(moved.to).not.toBe(moved.from);
      expect(sentDuringMove).toBeGreaterThan(100); // the slot moved under load
      await waitUntilProcessed(redis, cartpulse.context.partitions, settings.group);
      for (const site of SITES)
        expect(comparable(await getSnapshot(cartpulse.url, site)), `${site} after the move`).toEqual(
          recount(delivered, site, simulatedNow, settings, PRODUCT_NAMES),
        );
    }
    expect(checked).toBeGreaterThanOrEqual(4 * SITES.length);
    expect(filteredChecks).toBeGreaterThanOrEqual(checked * DIMENSIONS.length);
    expect(cartStages.size).toBe(3); // every live-cart stage was held against the recount with sessions in it
    expect(rejected).toBeGreaterThan(0);
    // every rejected event is in a dead-letter stream
    let letters = 0;
    for (const keys of cartpulse.context.partitions) letters += await redis.xlen(keys.dlq);
    expect(letters).toBe(rejected);
    if (cartpulse.options.clusterNodes.length) {
      // the partitions really are spread over the masters
      const sizes = await Promise.all(mastersOf(redis).map((node) => node.dbsize()));
      expect(sizes.filter((size) => size > 0).length).toBeGreaterThanOrEqual(2);
    }
    redis.disconnect();
  }, 240_000);
}
