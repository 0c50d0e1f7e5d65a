import Redis from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../log.js';
import { privateRedis } from '../testing/redis.js';
import type { SnapshotNumbers } from './evaluate.js';
import { type AlertEvaluatorOptions, startAlertEvaluator } from './runner.js';
import type { AlertRuleInput } from './rules.js';
import { statusOf } from './state.js';
import { alertStore } from './store.js';
import { startReceiver, verifySignature } from './test-receiver.js';

const T0 = Date.UTC(2026, 0, 5, 10, 0);
const SECRET = 'deployment-secret';

/** A site's live numbers as the snapshot would say them. */
const snapshotOf = (activeUsers: number): SnapshotNumbers => ({
  activeUsers,
  activeSessions: activeUsers,
  pageviews: 0,
  windows: { commerceMs: 15 * 60_000 },
  ecommerce: { orders: 0, addToCarts: 0, revenue: {}, averageOrderValue: {}, conversionRate: 0 },
});

describe('the alert evaluator on Redis', async () => {
  const server = await privateRedis();
  const redis = new Redis(server.url);
  afterAll(() => redis.disconnect());
  const store = alertStore(redis, 'cp');
  const receiver = await startReceiver();
  let now = T0;
  let users = 5;
  const start = (overrides: Partial<AlertEvaluatorOptions> = {}) => {
    const evaluator = startAlertEvaluator({
      redis,
      keyPrefix: 'cp',
      intervalMs: 30_000, // the tests tick themselves
      cooldownMs: 600_000,
      secret: SECRET,
      publicUrl: 'https://stats.example',
      clock: () => now,
      log: silentLogger,
      snapshot: async () => snapshotOf(users),
      accepts: () => true,
      ...overrides,
    });
    afterAll(() => evaluator.stop());
    return evaluator;
  };
  const add = async (input: Partial<AlertRuleInput>) => {
    const rule = await store.add(
      {
        kind: 'threshold',
        metric: 'activeUsers',
        above: 3,
        minutes: 0,
        format: 'json',
        ...input,
      } as AlertRuleInput,
      now,
    );
    if (rule === 'full') throw new Error('full');
    return rule;
  };
  const statusOfRule = async (id: string) => {
    const state = (await store.states([id])).get(id);
    if (!state) throw new Error(id);
    return statusOf(state);
  };

  it('writes nothing while there is no rule', async () => {
    const evaluator = start();
    await evaluator.tick();
    expect(evaluator.holdsLease()).toBe(false);
    expect(await redis.keys('*')).toEqual([]);
    await evaluator.stop();
  });

  it('retries a receiver that answered 500, and the notification arrives', async () => {
    const evaluator = start();
    receiver.answer = (_, request) =>
      request.path === '/flaky' && receiver.received.filter((r) => r.path === '/flaky').length === 0
        ? 500
        : 204;
    const rule = await add({ site: 'flaky-shop', webhook: receiver.url('/flaky') });
    await evaluator.tick();
    const flaky = () => receiver.received.filter((r) => r.path === '/flaky');
    expect(flaky()).toHaveLength(1);
    expect(await statusOfRule(rule.id)).toMatchObject({
      state: 'firing',
      pending: 1,
      lastDelivery: { state: 'firing', ok: false, attempts: 1, status: 500, error: 'HTTP 500' },
    });
    // not before its backoff…
    now += 1_000;
    await evaluator.tick();
    expect(flaky()).toHaveLength(1);
    // …then again, the same notification
    now += 1_000;
    await evaluator.tick();
    expect(flaky()).toHaveLength(2);
    const [first, second] = flaky();
    expect(second.body).toBe(first.body);
    expect(second.json).toMatchObject({ site: 'flaky-shop', state: 'firing', value: 5, at: T0 });
    expect(verifySignature(SECRET, second.body, second.headers['x-cartpulse-signature'] as string)).toBe(
      true,
    );
    expect(await statusOfRule(rule.id)).toMatchObject({
      state: 'firing',
      pending: 0,
      lastDelivery: { state: 'firing', ok: true, attempts: 2, status: 204 },
    });
    await store.remove(rule.id);
    await evaluator.stop();
  });

  it('shows a rule whose receiver keeps failing as failing, and goes on after a restart', async () => {
    receiver.answer = (_, request) => (request.path === '/down' ? 500 : 204);
    const rule = await add({ site: 'down-shop', webhook: receiver.url('/down') });
    const down = () => receiver.received.filter((r) => r.path === '/down').length;
    let evaluator = start();
    await evaluator.tick();
    expect(down()).toBe(1);
    // a restart between two attempts: the attempts so far are in Redis
    await evaluator.stop();
    evaluator = start();
    for (const wait of [2_000, 4_000, 8_000, 16_000]) {
      now += wait;
      await evaluator.tick();
    }
    expect(down()).toBe(5);
    expect(await statusOfRule(rule.id)).toMatchObject({
      state: 'failing',
      pending: 0,
      lastDelivery: { ok: false, attempts: 5, status: 500 },
    });
    // given up: no sixth attempt
    now += 60_000;
    await evaluator.tick();
    expect(down()).toBe(5);
    // the receiver is back when the episode ends: resolved gets through, failing is over
    receiver.answer = () => 204;
    users = 0;
    await evaluator.tick();
    expect(down()).toBe(6);
    expect(receiver.received.at(-1)?.json).toMatchObject({ state: 'resolved', value: 0 });
    expect(await statusOfRule(rule.id)).toMatchObject({ state: 'ok', lastDelivery: { ok: true } });
    await store.remove(rule.id);
    await evaluator.stop();
    users = 5;
  });

  it('lets one evaluator of several evaluate, and another take over when it stops', async () => {
    const rule = await add({ site: 'lease-shop', webhook: receiver.url('/lease') });
    const one = start();
    const two = start();
    await one.tick();
    await two.tick();
    expect([one.holdsLease(), two.holdsLease()].filter(Boolean)).toHaveLength(1);
    const [holder, other] = one.holdsLease() ? [one, two] : [two, one];
    await holder.stop();
    await other.tick();
    expect(other.holdsLease()).toBe(true);
    expect(receiver.received.filter((r) => r.path === '/lease')).toHaveLength(1);
    await store.remove(rule.id);
    await other.stop();
  });

  it('does not evaluate the rules of a site that is gone', async () => {
    const rule = await add({ site: 'gone-shop', webhook: receiver.url('/gone') });
    const evaluator = start({ accepts: (site) => site !== 'gone-shop' });
    await evaluator.tick();
    expect(await statusOfRule(rule.id)).toMatchObject({ state: 'ok', evaluatedAt: null });
  });
});
