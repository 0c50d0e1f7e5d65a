import { describe, expect, it } from 'vitest';
import { internalPath, matchRoute, routeTitle } from './routes.js';

describe('matchRoute', () => {
  it('knows the storefront paths', () => {
    expect(matchRoute('/')).toEqual({ name: 'home' });
    expect(matchRoute('/cart')).toEqual({ name: 'cart' });
    expect(matchRoute('/checkout')).toEqual({ name: 'checkout' });
    expect(matchRoute('/order')).toEqual({ name: 'order' });
    expect(matchRoute('/c/bath')).toMatchObject({ name: 'category', category: { slug: 'bath' } });
    expect(matchRoute('/p/mug-1')).toMatchObject({ name: 'product', product: { id: 'mug-1', price: 12.5 } });
  });

  it('sends everything else to not-found', () => {
    for (const path of ['/c/garden', '/p/none', '/p/mug-1/', '/about', '/cart/x']) {
      expect(matchRoute(path)).toEqual({ name: 'not-found' });
    }
  });

  it('titles each page', () => {
    expect(routeTitle(matchRoute('/p/mug-1'))).toBe('Stoneware Mug · Northwind Goods');
    expect(routeTitle(matchRoute('/c/bath'))).toBe('Bath · Northwind Goods');
  });
});

describe('internalPath', () => {
  const plain = { button: 0, metaKey: false, ctrlKey: false, shiftKey: false, altKey: false };
  const origin = 'http://localhost:8789';

  it('routes plain clicks on same-origin links in the app', () => {
    expect(internalPath('/p/mug-1', origin, plain, null)).toBe('/p/mug-1');
    expect(internalPath('http://localhost:8789/cart?x=1#top', origin, plain, '_self')).toBe('/cart?x=1#top');
  });

  it('leaves other clicks to the browser', () => {
    expect(internalPath('http://localhost:8787/', origin, plain, null)).toBeNull();
    expect(internalPath('/cart', origin, { ...plain, metaKey: true }, null)).toBeNull();
    expect(internalPath('/cart', origin, { ...plain, button: 1 }, null)).toBeNull();
    expect(internalPath('/cart', origin, plain, '_blank')).toBeNull();
  });
});
