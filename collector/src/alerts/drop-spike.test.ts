/**
 * Drop and spike in a running collector: events go in through `POST /ingest` a week apart on a
 * simulated clock, the consumer counts them into the day rollups, the evaluator compares the site's
 * last complete local hour with the same hour last week, and a real receiver gets what is sent. One
 * shop is in Kolkata (UTC+5:30), whose hours start at half past UTC; one in UTC, selling in two
 * currencies.
 */
import Redis from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { siteFromRegistration } from '../sites/schema.js';
import { postJson, TEST_TOKEN, testCartpulse } from '../testing/cartpulse.js';
import { waitUntilProcessed } from '../testing/drain.js';
import { startReceiver } from './test-receiver.js';

const WEEK = 7 * 24 * 3_600_000;
/** Monday 5 January 2026; the second week is a week later. */
const utc = (week: number, hours: number, minutes: number) =>
  Date.UTC(2026, 0, 5, hours, minutes) + week * WEEK;
const auth = { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' };

describe('drop and spike against the same local hour last week', async () => {
  let now = utc(0, 8, 0);
  const cartpulse = await testCartpulse({ clock: () => now, alertIntervalMs: 30_000 }); // ticked below
  await cartpulse.context.registry.put(
    siteFromRegistration({ id: 'shop-kolkata', timezone: 'Asia/Kolkata' }, now),
  );
  const redis = new Redis(cartpulse.redisUrl);
  afterAll(() => redis.disconnect());
  const receiver = await startReceiver();

  const send = async (at: number, site: string, events: Record<string, unknown>[]) => {
    now = at;
    expect((await postJson(cartpulse.url, { site, events })).status).toBe(202);
    await waitUntilProcessed(redis, cartpulse.context.partitions, cartpulse.options.group);
  };
  const visitors = (prefix: string, from: number, to: number) =>
    Array.from({ length: to - from + 1 }, (_, i) => ({
      type: 'pageview',
      id: `${prefix}-${from + i}`,
      url: 'https://shop.example/',
      vid: `${prefix}-${from + i}`,
      sid: `${prefix}-${from + i}`,
    }));
  const purchases = (prefix: string, count: number, value: number, currency = 'EUR') =>
    Array.from({ length: count }, (_, i) => ({
      type: 'purchase',
      id: `${prefix}-${i}`,
      order: `${prefix}-${i}`,
      value,
      currency,
      vid: `${prefix}-${i}`,
      sid: `${prefix}-${i}`,
    }));
  const add = async (rule: Record<string, unknown>) => {
    const response = await fetch(`${cartpulse.url}/api/alerts`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify(rule),
    });
    expect(response.status).toBe(201);
    return (await response.json()).id as string;
  };
  const status = async (id: string) => {
    const listed = await (await fetch(`${cartpulse.url}/api/alerts`, { headers: auth })).json();
    return listed.alerts.find((alert: { id: string }) => alert.id === id);
  };
  /** One evaluation at `at`, and the deliveries it leads to. */
  const evaluateAt = async (at: number) => {
    now = at;
    await cartpulse.alerts.tick();
  };
  const sent = (path: string) => receiver.received.filter((request) => request.path === path);

  it("fires and resolves on the rollups, in each site's own hours", async () => {
    // week 1. Kolkata: 10 visitors from 14:00 to 15:00 local time (08:30 to 09:30 UTC), sent either
    // side of 09:00 UTC, then 6 from 15:00. UTC: 2 orders of 10 EUR from 09:00, 2 from 10:00.
    await send(utc(0, 8, 40), 'shop-kolkata', visitors('w1', 1, 5));
    await send(utc(0, 9, 20), 'shop-kolkata', visitors('w1', 6, 10));
    await send(utc(0, 9, 25), 'shop-utc', purchases('w1-a', 2, 10));
    await send(utc(0, 10, 0), 'shop-kolkata', visitors('w1', 11, 16));
    await send(utc(0, 10, 20), 'shop-utc', purchases('w1-b', 2, 10));

    now = utc(1, 8, 0);
    const drop = await add({
      site: 'shop-kolkata',
      kind: 'drop',
      metric: 'visitors',
      percent: 50,
      webhook: receiver.url('/drop'),
    });
    const spike = await add({
      site: 'shop-utc',
      kind: 'spike',
      metric: 'orders',
      percent: 200,
      webhook: receiver.url('/spike'),
    });
    const revenue = await add({
      site: 'shop-utc',
      kind: 'spike',
      metric: 'revenue',
      percent: 200,
      webhook: receiver.url('/revenue'),
      format: 'slack',
    });
    // a site with no day rollups at all: no data, never a drop
    const empty = await add({
      site: 'shop-empty',
      kind: 'drop',
      metric: 'orders',
      percent: 50,
      webhook: receiver.url('/empty'),
    });

    // week 2. Kolkata: 4 visitors from 14:00 local (under half of 10), 5 from 15:00 (not under half of 6)
    await send(utc(1, 8, 40), 'shop-kolkata', visitors('w2', 1, 3));
    await send(utc(1, 9, 20), 'shop-kolkata', visitors('w2', 4, 4));
    // UTC: 5 orders of 10 EUR and one of 1,000 USD from 09:00 (6 orders against 2; 50 EUR against 20)
    await send(utc(1, 9, 22), 'shop-utc', [
      ...purchases('w2-a', 5, 10),
      ...purchases('w2-usd', 1, 1_000, 'USD'),
    ]);

    // 14:55 in Kolkata: its last complete hour is 13:00 to 14:00, empty both weeks. (In UTC hours,
    // 08:00 to 09:00 would have held 3 visitors against 5: a drop that is not there.)
    await evaluateAt(utc(1, 9, 25));
    expect(await status(drop)).toMatchObject({ state: 'ok', value: 0, baseline: 0 });
    expect(sent('/drop')).toEqual([]);
    expect(await status(empty)).toMatchObject({
      state: 'ok',
      value: null,
      baseline: null,
      detail: 'no data for the same hour last week yet',
    });

    // 15:01 in Kolkata: 14:00 to 15:00 is complete, 4 visitors against 10
    await evaluateAt(utc(1, 9, 31));
    expect(await status(drop)).toMatchObject({
      state: 'firing',
      value: 4,
      baseline: 10,
      detail: 'visitors in the last hour (from 14:00 on 2026-01-12) 4: 40 % of the same hour last week (10)',
    });
    expect(sent('/drop').map((request) => request.json)).toEqual([
      expect.objectContaining({
        site: 'shop-kolkata',
        state: 'firing',
        value: 4,
        baseline: 10,
        at: utc(1, 9, 31),
      }),
    ]);
    // 09:31 UTC: 09:00 to 09:30 is not a complete UTC hour yet
    expect(await status(spike)).toMatchObject({ state: 'ok', value: 0, baseline: 0 });

    await send(utc(1, 10, 0), 'shop-kolkata', visitors('w2', 5, 9));
    await send(utc(1, 10, 20), 'shop-utc', purchases('w2-b', 2, 10));
    // 10:01 UTC: the UTC shop's 09:00 hour is complete, 6 orders against 2, 50 EUR against 20
    await evaluateAt(utc(1, 10, 1));
    expect(await status(spike)).toMatchObject({ state: 'firing', value: 6, baseline: 2 });
    expect(await status(revenue)).toMatchObject({
      state: 'firing',
      value: 50,
      baseline: 20,
      detail: expect.stringMatching(
        /^revenue \(EUR\) in the last hour \(from 09:00 on 2026-01-12\) 50: 250 %/,
      ),
    });
    expect(sent('/spike').map((request) => request.json)).toEqual([
      expect.objectContaining({ site: 'shop-utc', state: 'firing', value: 6, baseline: 2 }),
    ]);
    expect(sent('/revenue').map((request) => request.json.text)).toEqual([
      expect.stringMatching(
        /^:rotating_light: shop-utc: revenue in the last hour above 200 % of the same hour last week \(now 50, same hour last week 20\)/,
      ),
    ]);

    // 16:01 in Kolkata, 11:01 UTC: 5 visitors against 6, 2 orders (20 EUR) against 2 (20 EUR)
    await evaluateAt(utc(1, 10, 31));
    expect(await status(drop)).toMatchObject({ state: 'ok', value: 5, baseline: 6 });
    await evaluateAt(utc(1, 11, 1));
    expect(await status(spike)).toMatchObject({ state: 'ok', value: 2, baseline: 2 });
    expect(await status(revenue)).toMatchObject({ state: 'ok', value: 20, baseline: 20 });

    expect(
      sent('/drop').map((request) => [request.json.state, request.json.value, request.json.baseline]),
    ).toEqual([
      ['firing', 4, 10],
      ['resolved', 5, 6],
    ]);
    expect(sent('/spike').map((request) => request.json.state)).toEqual(['firing', 'resolved']);
    expect(sent('/revenue').map((request) => request.json.text)).toEqual([
      expect.stringMatching(/^:rotating_light:/),
      expect.stringMatching(/^:white_check_mark: shop-utc: resolved, .* \(now 20, same hour last week 20\)/),
    ]);
    expect(sent('/empty')).toEqual([]);
  }, 60_000);
});
