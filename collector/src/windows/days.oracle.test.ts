/**
 * Today against yesterday and last week against a brute-force recount: a seeded log over eight days,
 * with events up to 23 hours late, retried batches and purchases sent twice, for a site in Los Angeles
 * (whose clocks go back an hour on 1 November 2026), one in Kolkata (UTC+5:30) and one in UTC, through
 * HTTP, the stream and the consumer on a simulated clock. At checkpoints either side of the sites'
 * midnights and of the change of clocks, every day field of every site equals the recount, and so do
 * the live windows.
 */
import { describe, expect, it } from 'vitest';
import { MINUTE } from '../config.js';
import { createClient } from '../redis/client.js';
import { siteFromRegistration } from '../sites/schema.js';
import { getSnapshot, testCartpulse } from '../testing/cartpulse.js';
import { waitUntilProcessed } from '../testing/drain.js';
import { generateLog, PRODUCT_NAMES } from '../testing/event-log.js';
import { comparable, type Delivered, recount } from '../testing/oracle.js';
import { recountDays } from '../testing/oracle-days.js';
import type { Snapshot } from './snapshot.js';

const HOUR = 60 * MINUTE;
const ZONES: Record<string, string> = {
  'shop-la': 'America/Los_Angeles',
  'shop-kolkata': 'Asia/Kolkata',
  'shop-utc': 'UTC',
};
const SITES = Object.keys(ZONES);
const START = Date.UTC(2026, 9, 25, 4); // eight days before Los Angeles's clocks go back
const CHECKPOINTS = [
  Date.UTC(2026, 10, 1, 8, 30, 12), // 01:30 PDT on the day of the change; 14:00 in Kolkata
  Date.UTC(2026, 10, 1, 10, 15, 3), // 02:15 PST, after the clocks went back
  Date.UTC(2026, 10, 1, 18, 31, 40), // a minute past midnight in Kolkata
  Date.UTC(2026, 10, 2, 7, 59, 30), // a minute before midnight in Los Angeles (a 25-hour day)
  Date.UTC(2026, 10, 2, 8, 0, 45), // just after it
  Date.UTC(2026, 10, 2, 22, 5, 7), // 14:05 in Los Angeles
];

describe('today, yesterday and last week against a brute-force recount', async () => {
  let simulatedNow = START;
  const cartpulse = await testCartpulse({ clock: () => simulatedNow, trustProxy: true, readCount: 50 });
  const redis = createClient(cartpulse.options);
  for (const [id, timezone] of Object.entries(ZONES))
    if (timezone !== 'UTC')
      await cartpulse.context.registry.put(siteFromRegistration({ id, timezone }, START));
  const log = generateLog({
    seed: 11,
    start: START,
    durationMs: CHECKPOINTS[CHECKPOINTS.length - 1] - START + 10 * MINUTE,
    events: 12_000,
    sites: SITES,
    visitorsPerSite: 160,
    lateMaxMs: 23 * HOUR,
    timezones: ZONES,
  });

  it('holds every day field, and the windows, to the recount at each checkpoint', async () => {
    const delivered: Delivered[] = [];
    const checkpoints = [...CHECKPOINTS];
    let checked = 0;
    let late = 0;
    let withOrders = 0;
    let withLastWeek = 0;
    for (const batch of log) {
      while (checkpoints.length && batch.at > checkpoints[0]) {
        simulatedNow = checkpoints.shift() as number;
        await waitUntilProcessed(redis, cartpulse.context.partitions, cartpulse.options.group);
        for (const site of SITES) {
          const snapshot = (await getSnapshot(cartpulse.url, site)) as Snapshot;
          const when = `${site} at ${new Date(simulatedNow).toISOString()}`;
          const { today, yesterday, lastWeek, hours } = snapshot;
          const coverage = snapshot.ecommerce.coverage?.today;
          expect({ coverage, today, yesterday, lastWeek, hours }, when).toEqual(
            recountDays(delivered, site, simulatedNow, ZONES[site], cartpulse.options),
          );
          expect(snapshot.timezone).toBe(ZONES[site]);
          expect(comparable(snapshot), when).toEqual(
            recount(delivered, site, simulatedNow, cartpulse.options, PRODUCT_NAMES),
          );
          if ((today?.orders ?? 0) > 0 && (yesterday?.orders ?? 0) > 0) withOrders++;
          if ((lastWeek?.visitors ?? 0) > 0) withLastWeek++;
          checked++;
        }
      }
      simulatedNow = batch.at;
      const response = await fetch(`${cartpulse.url}/ingest`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', 'user-agent': batch.userAgent, 'x-forwarded-for': batch.ip },
        body: JSON.stringify(batch.body),
      });
      expect(response.status).toBe(202);
      for (const d of batch.delivered) if (d.at !== undefined && d.at - d.event.t > 2 * HOUR) late++;
      delivered.push(...batch.delivered);
    }
    expect(checked).toBe(CHECKPOINTS.length * SITES.length);
    // the comparison had something to compare most of the time
    expect(withOrders).toBeGreaterThan(checked / 2);
    expect(withLastWeek).toBeGreaterThan(checked / 2);
    expect(late).toBeGreaterThan(50); // events hours late landed in their own day
    // the 25-hour day has 25 hours
    simulatedNow = CHECKPOINTS[CHECKPOINTS.length - 1];
    const la = (await getSnapshot(cartpulse.url, 'shop-la')) as Snapshot;
    expect(la.hours?.yesterday.visitors).toHaveLength(25);
    redis.disconnect();
  }, 240_000);
});
