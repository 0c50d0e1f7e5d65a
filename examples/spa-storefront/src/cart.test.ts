import { describe, expect, it } from 'vitest';
import { findProduct, type Product } from '../../shop/catalog.js';
import { addProduct, type CartLine, CartStore, cartTotal, ga4Item, itemCount, removeLine } from './cart.js';

const mug = findProduct('mug-1') as Product;
const lamp = findProduct('lamp-1') as Product;

function memory() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
  };
}

describe('cart lines', () => {
  it('adds, merges, removes and totals to the cent', () => {
    let lines = addProduct([], mug);
    lines = addProduct(lines, lamp);
    lines = addProduct(lines, mug, 2);
    expect(lines).toEqual([
      { id: 'mug-1', name: 'Stoneware Mug', price: 12.5, category: 'kitchen', qty: 3 },
      { id: 'lamp-1', name: 'Paper Pendant Lamp', price: 79, category: 'living', qty: 1 },
    ]);
    expect(itemCount(lines)).toBe(4);
    expect(cartTotal(lines)).toBe(116.5);
    expect(removeLine(lines, 'mug-1').map((line) => line.id)).toEqual(['lamp-1']);
    expect(cartTotal([{ id: 'x', name: 'x', price: 0.1, category: 'c', qty: 3 }])).toBe(0.3);
  });
});

describe('CartStore', () => {
  it('keeps the cart in storage and tells subscribers', () => {
    const storage = memory();
    const store = new CartStore(storage);
    let calls = 0;
    const unsubscribe = store.subscribe(() => calls++);
    store.set(addProduct(store.current, mug));
    expect(calls).toBe(1);
    expect(new CartStore(storage).current).toHaveLength(1);
    unsubscribe();
    store.set([]);
    expect(calls).toBe(1);
  });

  it('turns the cart into an order and empties it', () => {
    const store = new CartStore(memory());
    store.set(addProduct(addProduct([], mug), lamp));
    const order = store.placeOrder('NW-1');
    expect(order).toMatchObject({ id: 'NW-1', total: 91.5 });
    expect(store.current).toEqual([]);
    expect(store.lastOrder()).toEqual(order);
  });

  it('survives storage that is broken or refuses writes', () => {
    const store = new CartStore({
      getItem: () => '{not json',
      setItem: () => {
        throw new Error('quota');
      },
    });
    expect(store.current).toEqual([]);
    store.set(addProduct([], mug));
    expect(store.current).toHaveLength(1);
  });
});

describe('ga4Item', () => {
  it('names the fields as GA4 does, with a quantity only for cart lines', () => {
    expect(ga4Item(mug)).toEqual({
      item_id: 'mug-1',
      item_name: 'Stoneware Mug',
      item_category: 'kitchen',
      price: 12.5,
    });
    expect(ga4Item(addProduct([], mug, 2)[0] as CartLine)).toMatchObject({ item_id: 'mug-1', quantity: 2 });
  });
});
