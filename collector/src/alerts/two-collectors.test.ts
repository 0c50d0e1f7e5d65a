/**
 * Two collectors on one Redis, both with their alert evaluator, on one simulated clock: events go in
 * through `POST /ingest`, the consumer counts them, the evaluators read the real snapshots, and a real
 * receiver counts what arrives. Half-way, the evaluator holding the lease stops and the other takes over.
 */
import Redis from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../log.js';
import { startCartpulse } from '../server.js';
import { postJson, TEST_TOKEN, testCartpulse } from '../testing/cartpulse.js';
import { waitUntilProcessed } from '../testing/drain.js';
import { defaultAlertSecret } from './payload.js';
import { startReceiver, verifySignature } from './test-receiver.js';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 0, 5, 10, 0);
const STEP = 15_000;
const auth = { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' };

describe('alerts evaluated once by two collectors', async () => {
  let now = T0;
  const clock = () => now;
  const publicUrl = 'https://stats.example';
  const first = await testCartpulse({ clock, alertIntervalMs: 40, publicUrl });
  const second = await startCartpulse(
    {
      redisUrl: first.redisUrl,
      port: 0,
      host: '127.0.0.1',
      token: TEST_TOKEN,
      consumer: false,
      sites: ['*'],
      clock,
      alertIntervalMs: 40,
      publicUrl,
    },
    { log: createLogger({ level: 'silent', pretty: false }) },
  );
  afterAll(() => second.stop());
  const redis = new Redis(first.redisUrl);
  afterAll(() => redis.disconnect());
  const receiver = await startReceiver();

  const send = async (events: Record<string, unknown>[]) => {
    expect((await postJson(first.url, { site: 'alert-shop', events })).status).toBe(202);
    await waitUntilProcessed(redis, first.context.partitions, first.options.group);
  };
  const alerts = async () =>
    (await (await fetch(`${second.url}/api/alerts?site=alert-shop`, { headers: auth })).json()).alerts as {
      id: string;
      kind: string;
      state: string;
      evaluatedAt: number | null;
    }[];
  /** Moves the clock and waits until the rules were evaluated at the new time. */
  const stepTo = async (time: number) => {
    now = time;
    await expect
      .poll(async () => (await alerts()).every((alert) => alert.evaluatedAt === time), { interval: 20 })
      .toBe(true);
  };
  const add = async (rule: Record<string, unknown>) => {
    const response = await fetch(`${first.url}/api/alerts`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ site: 'alert-shop', ...rule }),
    });
    expect(response.status).toBe(201);
    return (await response.json()).id as string;
  };

  it('sends exactly one firing and one resolved per episode', async () => {
    const cart = (id: string) => ({
      type: 'add_to_cart',
      id,
      vid: 'v1',
      sid: 's1',
      items: [{ id: 'mug', price: 12 }],
      value: 12,
      currency: 'EUR',
    });
    await send([{ type: 'pageview', id: 'p1', url: 'https://shop.example/', vid: 'v1', sid: 's1' }]);
    await send([cart('c1'), cart('c2'), cart('c3')]);
    // no order for 20 minutes (longer than the 15-minute window) while at least 3 add-to-carts
    const noOrders = await add({
      kind: 'no_orders',
      minutes: 20,
      minAddToCarts: 3,
      webhook: receiver.url('/no-orders'),
    });
    // someone on the site for a minute
    const busy = await add({
      kind: 'threshold',
      metric: 'activeUsers',
      above: 0,
      minutes: 1,
      webhook: receiver.url('/busy'),
      format: 'slack',
    });

    for (let time = T0; time <= T0 + 9 * MINUTE; time += STEP) {
      if (time === T0 + 3 * MINUTE) {
        // the evaluator holding the lease goes away; the other one carries on from the state in Redis
        const holder = [first, second].find((collector) => collector.alerts.holdsLease());
        expect(holder).toBeDefined();
        await holder?.alerts.stop();
      }
      if (time === T0 + 7 * MINUTE) {
        now = time;
        await send([
          { type: 'purchase', id: 'o1', order: 'order-1', value: 36, currency: 'EUR', vid: 'v2', sid: 's2' },
        ]);
      }
      await stepTo(time);
    }
    await expect.poll(() => receiver.received.length, { timeout: 5_000 }).toBe(4);
    // a few more evaluations at the last time send nothing more
    await new Promise((resolve) => setTimeout(resolve, 300));
    const byPath = (path: string) => receiver.received.filter((request) => request.path === path);
    const orders = byPath('/no-orders');
    expect(orders.map((request) => request.json.state)).toEqual(['firing', 'resolved']);
    expect(orders[0].json).toMatchObject({
      site: 'alert-shop',
      rule: { id: noOrders, kind: 'no_orders', minutes: 20, minAddToCarts: 3 },
      value: 3,
      baseline: null,
      // the window showed no order from T0: 20 quiet minutes 5 minutes later
      at: T0 + 5 * MINUTE,
      dashboardUrl: 'https://stats.example/?site=alert-shop',
    });
    expect(orders[1].json.at).toBeGreaterThanOrEqual(T0 + 7 * MINUTE);
    const secret = defaultAlertSecret(TEST_TOKEN);
    for (const request of receiver.received)
      expect(verifySignature(secret, request.body, request.headers['x-cartpulse-signature'] as string)).toBe(
        true,
      );

    const visits = byPath('/busy');
    expect(visits).toHaveLength(2);
    expect(visits[0].json.text).toMatch(
      /^:rotating_light: alert-shop: activeUsers above 0 for 1 min \(now 1\)/,
    );
    // the visitor leaves the 5-minute active window; the buyer comes back within the cooldown
    expect(visits[1].json.text).toMatch(/^:white_check_mark: alert-shop: resolved/);

    const states = Object.fromEntries((await alerts()).map((alert) => [alert.id, alert.state]));
    expect(states).toEqual({ [noOrders]: 'ok', [busy]: 'ok' });
  });
});
