import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { EventSchema } from '../../collector/src/protocol/schema.js';
import { cents } from '../shop/catalog.js';
import { advance, newSession, type ShopperEvent, Shoppers } from './journey.js';
import { seededRandom } from './random.js';

const ORIGIN = 'http://localhost:8788';

function run(visitors: number, events: number, seed = 1) {
  const shoppers = new Shoppers({ visitors, random: seededRandom(seed), origin: ORIGIN, runId: 'r1' });
  const out: ShopperEvent[] = [];
  while (out.length < events) out.push(...shoppers.next(100, 1_000 + out.length));
  return { shoppers, events: out };
}

describe('Shoppers', () => {
  const { shoppers, events } = run(500, 60_000);

  it('sends only events the collector accepts', () => {
    for (const event of events) {
      const result = v.safeParse(EventSchema, event);
      if (!result.success) throw new Error(`${JSON.stringify(event)}: ${result.issues[0]?.message}`);
    }
  });

  it('gives every event a unique id', () => {
    expect(new Set(events.map((event) => event.id)).size).toBe(events.length);
  });

  it('uses no more visitors than the population', () => {
    const visitors = new Set(events.map((event) => event.vid));
    expect(visitors.size).toBeLessThanOrEqual(500);
    expect(visitors.size).toBeGreaterThan(450);
  });

  it('drops off at every step of the funnel, like a real shop', () => {
    const sessionsWith = (type: string) =>
      new Set(events.filter((event) => event.type === type).map((event) => event.sid)).size;
    const sessions = sessionsWith('pageview');
    const viewed = sessionsWith('view_item');
    const added = sessionsWith('add_to_cart');
    const checkedOut = sessionsWith('begin_checkout');
    const bought = sessionsWith('purchase');
    expect(viewed).toBeLessThan(sessions);
    expect(added).toBeLessThan(viewed);
    expect(checkedOut).toBeLessThan(added);
    expect(bought).toBeLessThan(checkedOut);
    expect(viewed / sessions).toBeGreaterThan(0.5);
    expect(bought / sessions).toBeGreaterThan(0.01);
    expect(bought / sessions).toBeLessThan(0.12);
  });

  it('counts what it sent', () => {
    const count = (type: string) => events.filter((event) => event.type === type).length;
    expect(shoppers.totals.pageviews).toBe(count('pageview'));
    expect(shoppers.totals.orders).toBe(count('purchase'));
    expect(shoppers.totals.sessions).toBe(new Set(events.map((event) => event.sid)).size);
    expect(shoppers.totals.visitors).toBe(new Set(events.map((event) => event.vid)).size);
    const revenue = events.reduce(
      (sum, event) => (event.type === 'purchase' ? sum + (event.value ?? 0) : sum),
      0,
    );
    expect(shoppers.totals.revenue).toBe(cents(revenue));
  });

  it('buys what is in the cart, at its value', () => {
    for (const purchase of events.filter((event) => event.type === 'purchase')) {
      const sum = (purchase.items ?? []).reduce(
        (total, line) => total + (line.price ?? 0) * (line.qty ?? 1),
        0,
      );
      expect(purchase.value).toBe(cents(sum));
      expect(purchase.order).toMatch(/^r1-o/);
    }
  });

  it('replays exactly from the same seed', () => {
    expect(run(50, 2_000, 7).events).toEqual(run(50, 2_000, 7).events);
    expect(run(50, 2_000, 7).events).not.toEqual(run(50, 2_000, 8).events);
  });
});

describe('advance', () => {
  it('lands on a page, then ends with no events once the shopper leaves', () => {
    const always = (value: number) => () => value;
    const session = newSession('s');
    const landing = advance(session, always(0), ORIGIN, () => 'o');
    expect(landing[0]).toMatchObject({ type: 'pageview', url: `${ORIGIN}/` });
    // The highest roll picks the last choice of each row, which on the home page is "leave".
    expect(advance(session, always(0.999), ORIGIN, () => 'o')).toEqual([]);
    expect(session.ended).toBe(true);
    expect(advance(session, always(0), ORIGIN, () => 'o')).toEqual([]);
  });
});
