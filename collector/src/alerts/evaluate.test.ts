import { describe, expect, it } from 'vitest';
import { type EvaluationSettings, evaluate, type LiveNumbers, type Observation } from './evaluate.js';
import { currencyOf, type HourlyHistory, lastHour, noHourlyHistory } from './history.js';
import type { AlertRule, AlertRuleInput, ComparisonRule } from './rules.js';
import { initialState, type Notification, type RuleState } from './state.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const T0 = Date.UTC(2025, 10, 25, 12, 0, 0);
const settings: EvaluationSettings = { cooldownMs: 10 * MINUTE, maxGapMs: 90_000 };
const common = { site: 'shop', webhook: 'https://hooks.example/x', format: 'json' as const };

/** A rule's own fields, kind by kind. */
type Params = AlertRuleInput extends infer R
  ? R extends unknown
    ? Omit<R, keyof typeof common>
    : never
  : never;
const ruleOf = (input: Params): AlertRule =>
  ({ ...common, ...input, id: '0123456789abcdef', createdAt: T0 }) as AlertRule;

const live = (numbers: Partial<LiveNumbers> = {}): LiveNumbers => ({
  activeUsers: 10,
  activeSessions: 10,
  pageviews: 100,
  orders: 0,
  addToCarts: 0,
  revenue: {},
  averageOrderValue: {},
  conversionRate: 0,
  commerceMs: 15 * MINUTE,
  ...numbers,
});

/** Evaluates one rule again and again on a simulated clock, keeping its state like the runner does. */
function simulate(rule: AlertRule) {
  let state: RuleState = initialState();
  const sent: (Notification & { now: number })[] = [];
  return {
    get state() {
      return state;
    },
    sent,
    /** One evaluation at `now`; answers what it notified. */
    at(now: number, observation: Observation) {
      const result = evaluate(rule, observation, state, now, settings);
      state = result.state;
      sent.push(...result.notifications.map((n) => ({ ...n, now })));
      return result.notifications.map((n) => n.state);
    },
    /** Evaluations every 15 s from `from` up to `to` (inclusive), the observation a function of time. */
    every(from: number, to: number, observe: (now: number) => Observation) {
      const out: string[] = [];
      for (let now = from; now <= to; now += 15_000) out.push(...this.at(now, observe(now)));
      return out;
    },
  };
}

describe('no_orders', () => {
  it('with minutes equal to the window: fires when the window shows no order and enough add-to-carts', () => {
    const alert = simulate(ruleOf({ kind: 'no_orders', minutes: 15, minAddToCarts: 5 }));
    expect(alert.at(T0, { live: live({ orders: 0, addToCarts: 4 }) })).toEqual([]);
    expect(alert.state.condition).toBe('ok');
    expect(alert.at(T0 + 15_000, { live: live({ orders: 0, addToCarts: 5 }) })).toEqual(['firing']);
    expect(alert.state).toMatchObject({ condition: 'firing', since: T0 + 15_000, value: 5 });
    // still no order: nothing more is sent
    expect(alert.every(T0 + 30_000, T0 + 10 * MINUTE, () => ({ live: live({ addToCarts: 9 }) }))).toEqual([]);
    // an order enters the window
    const order = T0 + 10 * MINUTE + 15_000;
    expect(alert.at(order, { live: live({ orders: 1, addToCarts: 9 }) })).toEqual(['resolved']);
    expect(alert.state).toMatchObject({ condition: 'ok', since: order, cooldownUntil: order + 10 * MINUTE });
    expect(alert.sent).toEqual([
      { state: 'firing', value: 5, baseline: null, at: T0 + 15_000, now: T0 + 15_000 },
      { state: 'resolved', value: 9, baseline: null, at: order, now: order },
    ]);
  });

  it('waits for the cooldown before it fires again', () => {
    const alert = simulate(ruleOf({ kind: 'no_orders', minutes: 15, minAddToCarts: 1 }));
    expect(alert.at(T0, { live: live({ addToCarts: 3 }) })).toEqual(['firing']);
    expect(alert.at(T0 + 15_000, { live: live({ orders: 1, addToCarts: 3 }) })).toEqual(['resolved']);
    // the order leaves the window 15 minutes later; the cooldown (10 min) is over by then: fires again
    const quietAgain = T0 + 15_000 + 15 * MINUTE;
    expect(
      alert.every(T0 + 30_000, quietAgain - 15_000, () => ({ live: live({ orders: 1, addToCarts: 3 }) })),
    ).toEqual([]);
    expect(alert.at(quietAgain, { live: live({ orders: 0, addToCarts: 3 }) })).toEqual(['firing']);

    // a cooldown still running holds a new episode back
    const short = simulate(ruleOf({ kind: 'no_orders', minutes: 15, minAddToCarts: 1 }));
    short.at(T0, { live: live({ addToCarts: 3 }) });
    short.at(T0 + 15_000, { live: live({ orders: 1, addToCarts: 3 }) });
    // (a gap restarts the watch; with the window empty again the condition holds at once)
    expect(short.at(T0 + 3 * MINUTE, { live: live({ orders: 0, addToCarts: 3 }) })).toEqual([]);
    expect(short.state.detail).toMatch(/cooling down/);
    expect(short.every(T0 + 3 * MINUTE, T0 + 10 * MINUTE, () => ({ live: live({ addToCarts: 3 }) }))).toEqual(
      [],
    );
    expect(short.at(T0 + 10 * MINUTE + 15_000, { live: live({ addToCarts: 3 }) })).toEqual(['firing']);
  });

  it('with minutes longer than the window: every window of the last minutes empty', () => {
    const alert = simulate(ruleOf({ kind: 'no_orders', minutes: 20, minAddToCarts: 5 }));
    // orders until T0 + 5 min; from then on the window's orders fall to 0 at T0 + 20 min (the last left)
    const lastOrderLeaves = T0 + 20 * MINUTE;
    const observe = (now: number): Observation => ({
      live: live({ orders: now < lastOrderLeaves ? 3 : 0, addToCarts: 8 }),
    });
    expect(alert.every(T0, lastOrderLeaves - 15_000, observe)).toEqual([]);
    // the window is empty from 20 min: no order since 5 min; 20 minutes of quiet at 25 min
    expect(alert.every(lastOrderLeaves, T0 + 25 * MINUTE - 15_000, observe)).toEqual([]);
    expect(alert.at(T0 + 25 * MINUTE, observe(T0 + 25 * MINUTE))).toEqual(['firing']);
    expect(alert.state.detail).toMatch(/^no order for 20 min/);
  });

  it('counts the add-to-carts seen arriving before the window, for minutes longer than it', () => {
    const alert = simulate(ruleOf({ kind: 'no_orders', minutes: 30, minAddToCarts: 20 }));
    // no order at all; one add-to-cart a minute enters the window (and leaves it 15 minutes later), so
    // from 14 minutes on the window holds 15 and its count stops rising
    const inWindow = (now: number) => Math.min(15, Math.floor((now - T0) / MINUTE) + 1);
    const observe = (now: number): Observation => ({ live: live({ addToCarts: inWindow(now) }) });
    expect(alert.every(T0, T0 + 31 * MINUTE, observe)).toEqual(['firing']);
    // 30 quiet minutes from 15 min on (the window showed none from the start), but 20 add-to-carts only
    // once 5 of those seen arriving have left the window: 15 in it, 5 before it
    expect(alert.sent[0]).toMatchObject({ at: T0 + 21 * MINUTE, value: 20 });
  });

  it('with minutes shorter than the window: no order seen arriving for minutes', () => {
    const alert = simulate(ruleOf({ kind: 'no_orders', minutes: 5, minAddToCarts: 3 }));
    let carts = 2;
    const observe = (now: number): Observation => {
      if ((now - T0) % MINUTE === 0) carts++; // one add-to-cart a minute enters the window
      return { live: live({ orders: 2, addToCarts: carts }) };
    };
    // the two orders in the window are taken to be as recent as the watch's start
    expect(alert.every(T0, T0 + 5 * MINUTE - 15_000, observe)).toEqual([]);
    expect(alert.at(T0 + 5 * MINUTE, observe(T0 + 5 * MINUTE))).toEqual(['firing']);
    expect(alert.state.value).toBeGreaterThanOrEqual(3);
    // an order seen arriving ends it
    expect(alert.at(T0 + 5 * MINUTE + 15_000, { live: live({ orders: 3, addToCarts: carts }) })).toEqual([
      'resolved',
    ]);
  });

  it('needs the add-to-carts: a quiet shop without carts is not an alert', () => {
    const alert = simulate(ruleOf({ kind: 'no_orders', minutes: 20, minAddToCarts: 5 }));
    expect(alert.every(T0, T0 + 60 * MINUTE, () => ({ live: live({ addToCarts: 2 }) }))).toEqual([]);
  });

  it('starts watching again after a pause in evaluations', () => {
    const alert = simulate(ruleOf({ kind: 'no_orders', minutes: 5, minAddToCarts: 0 }));
    alert.every(T0, T0 + 4 * MINUTE, () => ({ live: live({ orders: 1 }) }));
    // 10 minutes without an evaluation: the four quiet minutes before do not count
    expect(alert.at(T0 + 14 * MINUTE, { live: live({ orders: 1 }) })).toEqual([]);
    expect(alert.state.watch).toMatchObject({ startedAt: T0 + 14 * MINUTE });
    expect(alert.every(T0 + 14 * MINUTE, T0 + 19 * MINUTE, () => ({ live: live({ orders: 1 }) }))).toEqual([
      'firing',
    ]);
    expect(alert.sent[0].at).toBe(T0 + 19 * MINUTE);
  });

  it('skips an evaluation without live numbers, or older than the latest', () => {
    const alert = simulate(ruleOf({ kind: 'no_orders', minutes: 15, minAddToCarts: 0 }));
    expect(alert.at(T0, {})).toEqual([]);
    expect(alert.state).toEqual(initialState());
    alert.at(T0 + 15_000, { live: live({ orders: 1 }) });
    const before = alert.state;
    expect(alert.at(T0, { live: live() })).toEqual([]);
    expect(alert.state).toBe(before);
  });
});

describe('threshold', () => {
  it('fires once every evaluation of the last minutes was beyond, resolves at the first that is not', () => {
    const alert = simulate(ruleOf({ kind: 'threshold', metric: 'activeUsers', below: 1, minutes: 5 }));
    expect(alert.at(T0, { live: live({ activeUsers: 3 }) })).toEqual([]);
    // beyond from 15 s on, but one evaluation at 2 min is not: the five minutes start again after it
    const users = (now: number) => (now === T0 + 2 * MINUTE ? 1 : 0);
    expect(
      alert.every(T0 + 15_000, T0 + 7 * MINUTE, (now) => ({ live: live({ activeUsers: users(now) }) })),
    ).toEqual([]);
    expect(alert.at(T0 + 7 * MINUTE + 15_000, { live: live({ activeUsers: 0 }) })).toEqual(['firing']);
    expect(alert.sent[0]).toMatchObject({ value: 0, baseline: null, at: T0 + 7 * MINUTE + 15_000 });
    expect(
      alert.every(T0 + 7.5 * MINUTE, T0 + 9 * MINUTE, () => ({ live: live({ activeUsers: 0 }) })),
    ).toEqual([]);
    expect(alert.at(T0 + 9 * MINUTE + 15_000, { live: live({ activeUsers: 2 }) })).toEqual(['resolved']);
    // beyond again at once: the cooldown holds it back, then it fires (the five minutes were counted meanwhile)
    const again = alert.every(T0 + 9.5 * MINUTE, T0 + 25 * MINUTE, () => ({
      live: live({ activeUsers: 0 }),
    }));
    expect(again).toEqual(['firing']);
    expect(alert.sent[2].at).toBe(T0 + 9 * MINUTE + 15_000 + 10 * MINUTE);
  });

  it('with minutes 0 fires at the first evaluation beyond; above is exclusive', () => {
    const alert = simulate(ruleOf({ kind: 'threshold', metric: 'pageviews', above: 100, minutes: 0 }));
    expect(alert.at(T0, { live: live({ pageviews: 100 }) })).toEqual([]);
    expect(alert.at(T0 + 15_000, { live: live({ pageviews: 101 }) })).toEqual(['firing']);
  });

  it('watches the first currency it sees when none is named, and keeps it', () => {
    const alert = simulate(ruleOf({ kind: 'threshold', metric: 'revenue', above: 100, minutes: 0 }));
    expect(alert.at(T0, { live: live({ revenue: {} }) })).toEqual([]);
    expect(alert.state.value).toBe(0);
    expect(alert.at(T0 + 15_000, { live: live({ revenue: { USD: 50, EUR: 20 } }) })).toEqual([]);
    expect(alert.state.watch).toMatchObject({ currency: 'EUR' });
    // USD is over 100, but the rule watches EUR
    expect(alert.at(T0 + 30_000, { live: live({ revenue: { USD: 500 } }) })).toEqual([]);
    expect(alert.state.detail).toBe('revenue (EUR) 0, not above 100');
    expect(alert.at(T0 + 45_000, { live: live({ revenue: { EUR: 101 } }) })).toEqual(['firing']);

    const named = simulate(
      ruleOf({ kind: 'threshold', metric: 'averageOrderValue', below: 20, minutes: 0, currency: 'USD' }),
    );
    expect(named.at(T0, { live: live({ averageOrderValue: { EUR: 5 } }) })).toEqual([]);
    expect(named.state).toMatchObject({ value: null, detail: expect.stringMatching(/no order in USD/) });
    expect(named.at(T0 + 15_000, { live: live({ averageOrderValue: { USD: 12.5 } }) })).toEqual(['firing']);
  });

  it('starts counting again after a pause in evaluations', () => {
    const alert = simulate(ruleOf({ kind: 'threshold', metric: 'orders', below: 1, minutes: 5 }));
    alert.every(T0, T0 + 4 * MINUTE, () => ({ live: live() }));
    expect(alert.at(T0 + 6 * MINUTE, { live: live() })).toEqual([]);
    expect(alert.state.watch).toMatchObject({ beyondSince: T0 + 6 * MINUTE });
  });
});

describe('drop and spike', () => {
  /** Hours of a fake history: `<date>@<hour>` → the hour's fields; a day without any is no rollup. */
  const fakeHistory = (hours: Record<string, Record<string, number>>): HourlyHistory => ({
    hour: async (_site, date, hour) =>
      hours[`${date}@${hour}`] ??
      (Object.keys(hours).some((key) => key.startsWith(`${date}@`)) ? {} : undefined),
  });
  // T0 is 12:00 UTC on 2025-11-25: the last complete hour is hour 11 of that day
  const today = '2025-11-25@11';
  const lastWeek = '2025-11-18@11';
  const orders = (n: number) => ({ or: n });
  const comparison = (input: Params) => ruleOf(input) as ComparisonRule;

  it('a drop of 50 % fires under half of the same hour last week, and resolves when the hour is not', async () => {
    const rule = comparison({ kind: 'drop', metric: 'orders', percent: 50 });
    const alert = simulate(rule);
    const history = fakeHistory({
      [today]: orders(4),
      [lastWeek]: orders(10),
      '2025-11-25@12': orders(6),
      '2025-11-18@12': orders(10),
    });
    const hour = await lastHour(history, rule, T0 + 30_000);
    expect(hour).toEqual({
      metric: 'orders',
      hourStart: T0 - HOUR,
      date: '2025-11-25',
      localTime: '11:00',
      value: 4,
      baseline: 10,
    });
    expect(alert.at(T0 + 30_000, { hour })).toEqual(['firing']);
    expect(alert.state).toMatchObject({
      value: 4,
      baseline: 10,
      detail: 'orders in the last hour (from 11:00 on 2025-11-25) 4: 40 % of the same hour last week (10)',
    });
    expect(alert.at(T0 + 45_000, { hour })).toEqual([]);
    // the next hour holds 6 of 10: not under half
    const next = await lastHour(history, rule, T0 + HOUR + 30_000);
    expect(alert.at(T0 + HOUR + 30_000, { hour: next })).toEqual(['resolved']);
    expect(alert.sent.map(({ value, baseline }) => [value, baseline])).toEqual([
      [4, 10],
      [6, 10],
    ]);
    // exactly half is not under half
    const half = simulate(rule);
    expect(half.at(T0, { hour: { ...hour, value: 5 } })).toEqual([]);
  });

  it('a spike of 200 % fires over twice the same hour last week; never against a baseline of 0', async () => {
    const rule = comparison({ kind: 'spike', metric: 'visitors', percent: 200 });
    const alert = simulate(rule);
    const at = T0 + 30_000;
    const hour = (value: number, baseline: number) =>
      lastHour(fakeHistory({ [today]: { vi: value }, [lastWeek]: { vi: baseline } }), rule, at);
    expect(alert.at(at, { hour: await hour(200, 100) })).toEqual([]);
    expect(alert.at(at + 15_000, { hour: await hour(201, 100) })).toEqual(['firing']);
    const zero = simulate(rule);
    expect(zero.at(at, { hour: await hour(50, 0) })).toEqual([]);
  });

  it('an hour without the metric in a day with a rollup is 0; a week ago without one, no data', async () => {
    const rule = comparison({ kind: 'drop', metric: 'revenue', percent: 50 });
    const alert = simulate(rule);
    const hour = await lastHour(fakeHistory({ [today]: { pv: 3 } }), rule, T0 + 30_000);
    expect(hour).toMatchObject({ value: 0, baseline: undefined });
    expect(alert.at(T0 + 30_000, { hour })).toEqual([]);
    expect(alert.state).toMatchObject({
      condition: 'ok',
      value: 0,
      baseline: null,
      detail: 'no data for the same hour last week yet',
    });
    // nothing counted at all today, against a week ago that had orders: 0, a drop
    const silent = await lastHour(fakeHistory({ [lastWeek]: orders(3) }), { ...rule, metric: 'orders' }, T0);
    expect(silent).toMatchObject({ value: 0, baseline: 3 });
    expect(await lastHour(noHourlyHistory, rule, T0)).toMatchObject({
      value: undefined,
      baseline: undefined,
    });
  });

  it("revenue is of one currency: the rule's, or the one with the most orders in the two hours", async () => {
    const history = fakeHistory({
      [today]: { 'o:USD': 1, 'r:USD': 90_0000, 'o:EUR': 1, 'r:EUR': 12_5000 },
      [lastWeek]: { 'o:EUR': 4, 'r:EUR': 200_0000, 'o:USD': 2, 'r:USD': 80_0000 },
    });
    const rule = comparison({ kind: 'drop', metric: 'revenue', percent: 50 });
    expect(await lastHour(history, rule, T0)).toMatchObject({ currency: 'EUR', value: 12.5, baseline: 200 });
    const alert = simulate(rule);
    expect(alert.at(T0, { hour: await lastHour(history, rule, T0) })).toEqual(['firing']);
    expect(alert.state.detail).toMatch(
      /^revenue \(EUR\) in the last hour .* 12.5: 6 % of the same hour last week \(200\)$/,
    );
    const usd = comparison({ kind: 'drop', metric: 'revenue', percent: 50, currency: 'USD' });
    expect(await lastHour(history, usd, T0)).toMatchObject({ currency: 'USD', value: 90, baseline: 80 });
    // a tie goes to the alphabetically first; no sale in either hour: no currency, both 0
    expect(
      currencyOf(rule, [
        { 'o:USD': 1, 'r:USD': 5 },
        { 'o:CHF': 1, 'r:CHF': 5 },
      ]),
    ).toBe('CHF');
    const none = await lastHour(fakeHistory({ [today]: { pv: 1 }, [lastWeek]: { pv: 1 } }), rule, T0);
    expect(none).toMatchObject({ value: 0, baseline: 0 });
    expect(none.currency).toBeUndefined();
  });
});
