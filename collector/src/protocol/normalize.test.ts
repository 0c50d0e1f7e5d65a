import { describe, expect, it } from 'vitest';
import { normalizeBatch, parseBody } from './normalize.js';
import { pathOf } from './path.js';

const accept = 1_800_000_000_000;
const anon = () => 'a:anon';

describe('parseBody', () => {
  it('accepts a batch and a lone event with its site', () => {
    expect(parseBody({ site: 's', sent: 1, events: [] })).toMatchObject({ ok: true });
    const single = parseBody({ site: 's', type: 'pageview', url: '/x' });
    expect(single).toEqual({ ok: true, batch: { site: 's', events: [{ type: 'pageview', url: '/x' }] } });
  });
  it('explains what is wrong with the envelope', () => {
    expect(parseBody([])).toMatchObject({ ok: false });
    expect(parseBody({ events: [] })).toMatchObject({ ok: false, error: expect.stringContaining('site') });
    expect(parseBody({ site: 's', events: 'x' })).toMatchObject({
      ok: false,
      error: expect.stringContaining('events'),
    });
    expect(parseBody({ site: '../etc', events: [] })).toMatchObject({ ok: false });
  });
});

describe('normalizeBatch', () => {
  it('validates each event on its own and keeps the reason for rejects', () => {
    const { accepted, rejected } = normalizeBatch(
      {
        site: 's',
        sent: accept,
        events: [
          {
            type: 'pageview',
            id: 'e1',
            ts: accept - 1000,
            url: 'https://shop.example/p/mug?utm=x',
            vid: 'v',
            sid: 's1',
          },
          { type: 'teleport' },
          { type: 'purchase', value: 10, currency: 'EUR' },
          { type: 'add_to_cart', items: [{ id: 'm', price: -1 }] },
          { type: 'purchase', order: 'o1', value: 10, currency: 'EURO' },
        ],
      },
      accept,
      anon,
    );
    expect(accepted).toEqual([
      { id: 'e1', type: 'pageview', t: accept - 1000, vid: 'v', sid: 's1', path: '/p/mug' },
    ]);
    expect(rejected.map((r) => r.reason)).toEqual([
      expect.stringContaining('type must be one of'),
      'purchase needs an order id',
      expect.stringContaining('items.0.price'),
      expect.stringContaining('currency'),
    ]);
    expect(rejected[0].raw).toEqual({ type: 'teleport' });
  });
  it('assigns ids and the anonymous visitor when the client sent none', () => {
    const { accepted } = normalizeBatch({ site: 's', events: [{ type: 'pageview' }] }, accept, anon);
    expect(accepted[0]).toMatchObject({ vid: 'a:anon', t: accept, id: expect.stringMatching(/^s-/) });
    expect(accepted[0].sid).toBeUndefined();
  });
});

describe('pathOf', () => {
  it('drops origin and query, keeps hash routes', () => {
    expect(pathOf('https://a.example/x/y?q=1#top')).toBe('/x/y');
    expect(pathOf('/cart?x')).toBe('/cart');
    expect(pathOf('https://a.example/#/cart?x=1')).toBe('/#/cart');
    expect(pathOf(undefined)).toBeUndefined();
  });
});
