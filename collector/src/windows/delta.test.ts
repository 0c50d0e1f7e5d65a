import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../protocol/stored-event.js';
import { buildDelta, orderRevenueUnits } from './delta.js';

const settings = {
  windows: { activeMs: 300_000, pagesMs: 900_000, commerceMs: 900_000 },
  granularityMs: 10_000,
  seriesMinutes: 60,
  sessionTimeoutMs: 1_800_000,
  breakdowns: false,
};
const withBreakdowns = { ...settings, breakdowns: true };
const now = 1_800_000_000_000;
const event = (e: Partial<StoredEvent> & { id: string }): StoredEvent => ({
  type: 'pageview',
  t: now,
  vid: 'v',
  ...e,
});

describe('buildDelta', () => {
  it('counts each event once per batch and leaves out what Redis already applied', () => {
    const batch = {
      site: 's',
      events: [
        event({ id: 'a', path: '/x' }),
        event({ id: 'a', path: '/x' }),
        event({ id: 'b', path: '/x' }),
      ],
    };
    const delta = buildDelta([batch], now, settings, {}, new Set(['s|b']));
    expect(Object.values(delta.seen).flat()).toEqual(['s|a']);
    expect(delta.sites.s.pages).toEqual({ [String(now / 10_000)]: { pv: 1, '#/x': 1 } });
  });

  it('skips events older than everything the snapshot shows, and counts older ones in their day only', () => {
    const delta = buildDelta(
      [
        {
          site: 's',
          events: [
            event({ id: 'ancient', t: now - 27 * 3_600_000 }),
            event({ id: 'old', t: now - 61 * 60_000 }),
          ],
        },
      ],
      now,
      settings,
    );
    expect(Object.values(delta.seen).flat()).toEqual(['s|old']);
    expect(delta.tooOld).toBe(1);
    expect(delta.sites.s.pages).toEqual({});
    expect(delta.sites.s.visitors).toEqual({});
    const [day] = Object.values(delta.changes.s.days);
    expect(Object.entries(day.hours).filter(([f]) => f.startsWith('pv@'))).toHaveLength(1);
  });

  it('keeps an event that only the hourly series still shows out of the windows', () => {
    const t = now - 30 * 60_000;
    const delta = buildDelta([{ site: 's', events: [event({ id: 'late', t, sid: 's1' })] }], now, settings);
    const d = delta.sites.s;
    expect(d.visitors).toEqual({});
    expect(d.pages).toEqual({});
    expect(Object.values(d.minutePageviews)).toEqual([1]);
  });

  it('records an order with its latest time, and revenue at its first sighting, from value or items', () => {
    const purchase = { type: 'purchase' as const, order: 'o1', currency: 'EUR' };
    const delta = buildDelta(
      [
        {
          site: 's',
          events: [
            event({ id: 'p1', ...purchase, t: now - 5000, value: 10.005 }),
            event({ id: 'p2', ...purchase, t: now, value: 10.005 }),
          ],
        },
      ],
      now,
      settings,
    );
    expect(delta.sites.s.orders).toEqual({ o1: now });
    expect(delta.changes.s.orders).toEqual({
      o1: [false, JSON.stringify({ t: now - 5000, c: 'EUR', g: 100_050, r: 0, b: 1 })],
    });
    expect(delta.sites.s.commerce[String(Math.floor((now - 5000) / 10_000))]).toMatchObject({
      'r:EUR': 100_050,
    });
    expect(delta.sites.s.buyers).toEqual({ v: now });
    expect(
      orderRevenueUnits(
        event({
          id: 'x',
          ...purchase,
          items: [
            { id: 'a', price: 2.5, qty: 2 },
            { id: 'b', price: 1 },
          ],
        }),
      ),
    ).toBe(60_000);
    expect(orderRevenueUnits(event({ id: 'y', type: 'purchase', order: 'o', value: 5 }))).toBe(0);
  });

  it('ranks products by units added to cart and keeps their names', () => {
    const delta = buildDelta(
      [
        {
          site: 's',
          events: [event({ id: 'c', type: 'add_to_cart', items: [{ id: 'mug', name: 'Mug', qty: 3 }] })],
        },
      ],
      now,
      settings,
    );
    expect(Object.values(delta.sites.s.commerce)).toEqual([{ atc: 1, '#mug': 3 }]);
    expect(delta.sites.s.names).toEqual({ mug: 'Mug' });
  });

  it('derives sessions for events without a session id, in time order, from the state read before', () => {
    const events = [event({ id: '2', t: now }), event({ id: '1', t: now - 1000 })];
    const fresh = buildDelta([{ site: 's', events }], now, settings);
    expect(fresh.sites.s.sessions).toEqual({ [`v~${now - 1000}`]: now });
    expect(fresh.changes.s.derived).toEqual({ v: [false, `${now - 1000}:${now}`] });
    // a session that went quiet for longer than the timeout ends; one that did not goes on
    const quiet = `${now - 3_700_000}:${now - 1_900_000}`;
    const after = buildDelta([{ site: 's', events }], now, settings, {
      s: { derived: { v: quiet }, attributions: {}, orders: {}, latest: {}, carts: {}, firsts: {} },
    });
    expect(after.changes.s.derived.v).toEqual([quiet, `${now - 1000}:${now}`]);
    const busy = `${now - 600_000}:${now - 60_000}`;
    const goingOn = buildDelta([{ site: 's', events }], now, settings, {
      s: { derived: { v: busy }, attributions: {}, orders: {}, latest: {}, carts: {}, firsts: {} },
    });
    expect(goingOn.sites.s.sessions).toEqual({ [`v~${now - 600_000}`]: now });
  });

  it('adds no revenue for an order seen before', () => {
    const purchase = event({ id: 'p', type: 'purchase', order: 'o1', currency: 'EUR', value: 3 });
    const delta = buildDelta([{ site: 's', events: [purchase] }], now, settings, {
      s: {
        derived: {},
        attributions: {},
        orders: { o1: JSON.stringify({ t: now - 60_000, c: 'EUR', g: 30_000, r: 0, b: 1 }) },
        latest: {},
        carts: {},
        firsts: {},
      },
    });
    expect(Object.keys(delta.changes.s.orders)).toEqual(['o1']);
    expect(delta.sites.s.commerce[String(now / 10_000)]).toBeUndefined();
  });
});

describe('buildDelta with breakdowns', () => {
  const landing = event({
    id: 'l',
    sid: 's1',
    path: '/p/mug',
    traffic: { channel: 'Email', source: 'newsletter', campaign: 'bf', tagged: true },
  });
  const client = { country: 'DE', device: 'mobile', browser: 'Safari', os: 'iOS' };

  it('attributes the session to its first event and counts it in every segment', () => {
    const later = event({ id: 'x', sid: 's1', type: 'view_item', items: [{ id: 'mug' }] });
    const delta = buildDelta([{ site: 's', events: [landing, later], client }], now, withBreakdowns);
    const attribution = ['Email', 'newsletter', 'bf', 'DE', 'mobile', 'Safari', 'iOS', '/p/mug'];
    expect(delta.changes.s.attributions).toEqual({ s1: [false, JSON.stringify(attribution)] });
    expect(delta.changes.s.segments).toHaveLength(8);
    const email = delta.sites['s\x1fchannel\x1fEmail'];
    expect(email.segment).toBe(true);
    expect(Object.values(email.commerce)).toEqual([{ vi: 1 }]);
    expect(Object.values(email.pages)).toEqual([{ pv: 1, '#/p/mug': 1 }]);
    const fields = delta.sites.s.commerce[String(now / 10_000)];
    expect(fields['@v\x1fchannel\x1fEmail']).toBe(1);
    expect(fields['@p\x1fcountry\x1fDE']).toBe(1);
  });

  it('keeps the stored attribution, unless a page view brings other campaign tags', () => {
    const stored = JSON.stringify([
      'Organic Search',
      'google.com',
      '(not set)',
      'DE',
      'mobile',
      'Safari',
      'iOS',
      '/',
    ]);
    const state = {
      s: { derived: {}, attributions: { s1: stored }, orders: {}, latest: {}, carts: {}, firsts: {} },
    };
    const plain = event({
      id: 'p',
      sid: 's1',
      path: '/c',
      traffic: { channel: 'Direct', source: '(direct)', campaign: '(not set)' },
    });
    const kept = buildDelta([{ site: 's', events: [plain], client }], now, withBreakdowns, state);
    expect(kept.changes.s.attributions.s1).toEqual([stored, stored]);
    const tagged = buildDelta([{ site: 's', events: [landing], client }], now, withBreakdowns, state);
    expect(JSON.parse(tagged.changes.s.attributions.s1[1])[0]).toBe('Email');
  });

  it("moves a visitor's count to the bucket of their latest event in the row", () => {
    const segment = 's\x1fchannel\x1fEmail';
    const before = now - 60_000;
    const state = {
      s: {
        derived: {},
        attributions: {},
        orders: {},
        latest: { [segment]: { v: before } },
        carts: {},
        firsts: {},
      },
    };
    const delta = buildDelta([{ site: 's', events: [landing], client }], now, withBreakdowns, state);
    const field = '@v\x1fchannel\x1fEmail';
    expect(delta.sites.s.commerce[String(now / 10_000)][field]).toBe(1);
    expect(delta.sites.s.commerce[String(before / 10_000)][field]).toBe(-1);
    expect(delta.changes.s.latest[segment]).toEqual({ v: before });
  });

  it('counts an order and its revenue once, in the rows of its first sighting', () => {
    const purchase = event({ id: 'b', sid: 's1', type: 'purchase', order: 'o', currency: 'EUR', value: 2 });
    const delta = buildDelta([{ site: 's', events: [landing, purchase], client }], now, withBreakdowns);
    const fields = delta.sites.s.commerce[String(now / 10_000)];
    expect(fields['@o\x1fsource\x1fnewsletter']).toBe(1);
    expect(fields['@r\x1fEUR\x1fsource\x1fnewsletter']).toBe(20_000);
    expect(fields['r:EUR']).toBe(20_000);
    expect(delta.sites['s\x1fsource\x1fnewsletter'].commerce[String(now / 10_000)]['r:EUR']).toBe(20_000);
  });
});
