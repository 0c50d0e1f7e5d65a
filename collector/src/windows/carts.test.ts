import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../protocol/stored-event.js';
import { cartValue, contributionOf, emptyCart, nextCart } from './carts.js';

const t = 1_800_000_000_000;
const event = (e: Partial<StoredEvent>): StoredEvent => ({ id: 'x', type: 'pageview', t, vid: 'v', ...e });
const mug = { id: 'mug', price: 12.5 };

describe('a live cart', () => {
  it('adds and removes items by quantity, and a purchase empties it', () => {
    let cart = nextCart(
      emptyCart(),
      event({ type: 'add_to_cart', items: [{ ...mug, qty: 2 }], currency: 'EUR' }),
    );
    expect(cartValue(cart)).toBe(250_000);
    cart = nextCart(cart, event({ type: 'remove_from_cart', items: [{ id: 'mug' }] }));
    expect(cartValue(cart)).toBe(125_000);
    cart = nextCart(cart, event({ type: 'remove_from_cart', items: [{ id: 'mug', qty: 5 }] }));
    expect(cart.items).toEqual({});
    cart = nextCart(cart, event({ type: 'add_to_cart', items: [mug], currency: 'EUR' }));
    cart = nextCart(cart, event({ type: 'purchase', t: t + 5000, order: 'o' }));
    expect(cartValue(cart)).toBe(0);
    expect(cart.purchase).toBe(t + 5000);
  });

  it('contributes an active cart at its latest event, checking out until it buys, purchased after', () => {
    const g = 10_000;
    let cart = nextCart(emptyCart(), event({ type: 'add_to_cart', items: [mug], currency: 'EUR' }));
    cart = nextCart(cart, event({ type: 'begin_checkout', t: t + 20_000 }));
    const bucket = String(t / g);
    const later = String((t + 20_000) / g);
    expect(contributionOf(cart, g)).toEqual({
      carts: { [later]: { n: 1, 'v:EUR': 125_000 } },
      checkout: { [later]: { co: 1, 'cv:EUR': 125_000 } },
    });
    cart = nextCart(cart, event({ type: 'purchase', t: t + 40_000, order: 'o' }));
    expect(contributionOf(cart, g)).toEqual({
      carts: {},
      checkout: { [String((t + 40_000) / g)]: { p: 1 } },
    });
    // a late event does not move a session back in time
    expect(nextCart(cart, event({ t: t - 60_000 })).last).toBe(t + 40_000);
    expect(bucket).not.toBe(later);
  });

  it('contributes nothing without state', () => {
    expect(contributionOf(undefined, 10_000)).toEqual({ carts: {}, checkout: {} });
  });
});
