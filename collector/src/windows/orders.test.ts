import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../protocol/stored-event.js';
import { countedUnits, nextOrder, type OrderRecord } from './orders.js';

const t = 1_800_000_000_000;
const browser = (value: number, extra: Partial<StoredEvent> = {}): StoredEvent => ({
  id: `b${value}`,
  type: 'purchase',
  t,
  vid: 'v',
  sid: 's',
  order: 'o1',
  value,
  currency: 'EUR',
  ...extra,
});
const backend = (value: number, extra: Partial<StoredEvent> = {}): StoredEvent => ({
  ...browser(value),
  id: `s${value}`,
  origin: 'backend',
  vid: '',
  sid: undefined,
  t: t - 1000,
  ...extra,
});
const refund = (value?: number): StoredEvent => ({
  id: `r${value}`,
  type: 'refund',
  origin: 'backend',
  t: t + 60_000,
  vid: '',
  order: 'o1',
  currency: 'EUR',
  ...(value === undefined ? {} : { value }),
});
const attribution = ['Organic Search', 'google', '(not set)', 'DE', 'desktop', 'Chrome', 'Linux', '/'];

describe('the order ledger', () => {
  it('counts an order at its first sighting, with its session', () => {
    const { record, effect } = nextOrder(undefined, browser(30), attribution);
    expect(record).toEqual({ t, c: 'EUR', g: 300_000, r: 0, b: 1, a: attribution });
    expect(effect.orders).toBe(1);
    expect(effect.revenue).toEqual({ EUR: { units: 300_000, paid: 1 } });
    expect(effect.coverage).toEqual({ cb: 1, cs: 0, cx: 0 });
    expect(effect.rows).toEqual({ attribution, orders: 1, revenue: { EUR: { units: 300_000, paid: 1 } } });
  });

  it("takes the backend's value when it reports an order a browser reported", () => {
    const first = nextOrder(undefined, browser(30), attribution).record;
    const { record, effect } = nextOrder(first, backend(34.9), undefined);
    expect(record).toMatchObject({ t, g: 349_000, b: 1, s: 1 });
    expect(effect.orders).toBe(0);
    expect(effect.revenue).toEqual({ EUR: { units: 49_000, paid: 0 } });
    expect(effect.coverage).toEqual({ cb: -1, cs: 0, cx: 1 });
    expect(effect.rows).toEqual({ attribution, orders: 0, revenue: effect.revenue });
    // the same report again changes nothing
    expect(nextOrder(record, backend(34.9), undefined).effect.revenue).toEqual({});
  });

  it('keeps the backend value when a browser reports the order later, and joins its session', () => {
    const first = nextOrder(undefined, backend(34.9), undefined);
    expect(first.effect.backendOnly).toEqual({ EUR: 349_000 });
    expect(first.effect.rows).toBeUndefined();
    const { record, effect } = nextOrder(first.record, browser(30), attribution);
    expect(record).toMatchObject({ t: t - 1000, g: 349_000, b: 1, s: 1, a: attribution });
    expect(effect.revenue).toEqual({});
    expect(effect.coverage).toEqual({ cb: 0, cs: -1, cx: 1 });
    expect(effect.backendOnly).toEqual({ EUR: -349_000 });
    expect(effect.rows).toEqual({ attribution, orders: 1, revenue: { EUR: { units: 349_000, paid: 1 } } });
  });

  it('takes refunds off once each, never below nothing, and a cancellation takes off the rest', () => {
    let record = nextOrder(undefined, backend(50), undefined).record;
    const partial = nextOrder(record, refund(20), undefined);
    expect(partial.effect.revenue).toEqual({ EUR: { units: -200_000, paid: 0 } });
    expect(partial.effect.backendOnly).toEqual({ EUR: -200_000 });
    record = partial.record;
    const cancelled = nextOrder(record, refund(), undefined);
    expect(cancelled.effect.revenue).toEqual({ EUR: { units: -300_000, paid: 0 } });
    expect(countedUnits(cancelled.record)).toBe(0);
    expect(nextOrder(cancelled.record, refund(5), undefined).effect.revenue).toEqual({});
  });

  it('remembers a refund that comes before its order', () => {
    const early = nextOrder(undefined, refund(10), undefined);
    expect(early.record).toEqual({ t: 0, c: 'EUR', g: 0, r: 100_000 } satisfies OrderRecord);
    expect(early.effect.revenue).toEqual({});
    const { effect } = nextOrder(early.record, backend(50), undefined);
    expect(effect.orders).toBe(1);
    expect(effect.revenue).toEqual({ EUR: { units: 400_000, paid: 1 } });
  });

  it('moves revenue between currencies when the backend reports another', () => {
    const first = nextOrder(undefined, browser(30, { currency: 'USD' }), undefined).record;
    const { effect } = nextOrder(first, backend(28, { currency: 'EUR' }), undefined);
    expect(effect.revenue).toEqual({ USD: { units: -300_000, paid: -1 }, EUR: { units: 280_000, paid: 1 } });
  });
});
