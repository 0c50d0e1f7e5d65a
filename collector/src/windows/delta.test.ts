import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../protocol/stored-event.js';
import { buildDelta, orderRevenueUnits } from './delta.js';

const settings = {
  windows: { activeMs: 300_000, pagesMs: 900_000, commerceMs: 900_000 },
  granularityMs: 10_000,
  seriesMinutes: 60,
};
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
    const delta = buildDelta([batch], now, settings, new Set(['s|b']));
    expect(delta.ids).toEqual(['s|a']);
    expect(delta.sites.s.pages).toEqual({ [String(now / 10_000)]: { pv: 1, '#/x': 1 } });
  });

  it('skips events older than everything the snapshot shows', () => {
    const delta = buildDelta(
      [{ site: 's', events: [event({ id: 'old', t: now - 61 * 60_000 })] }],
      now,
      settings,
    );
    expect(delta.ids).toEqual([]);
  });

  it('keeps an event that only the hourly series still shows out of the windows', () => {
    const t = now - 30 * 60_000;
    const delta = buildDelta([{ site: 's', events: [event({ id: 'late', t, sid: 's1' })] }], now, settings);
    const d = delta.sites.s;
    expect(d.visitors).toEqual({});
    expect(d.pages).toEqual({});
    expect(Object.values(d.minutePageviews)).toEqual([1]);
  });

  it('records an order with its first and latest time, and revenue from value or items', () => {
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
    expect(delta.sites.s.orders).toEqual({ o1: [now - 5000, now, 'EUR', 100_050] });
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

  it('hands events without a session id to the consumer in time order', () => {
    const delta = buildDelta(
      [{ site: 's', events: [event({ id: '2', t: now }), event({ id: '1', t: now - 1000 })] }],
      now,
      settings,
    );
    expect(delta.sites.s.anonymous).toEqual({ v: [now - 1000, now] });
  });
});
