import { describe, expect, it, vi } from 'vitest';

describe('the npm entry during server-side rendering', () => {
  it('imports and runs without a window, and sends nothing', async () => {
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined');
    const fetch = vi.spyOn(globalThis, 'fetch');
    const sdk = await import('./index.js');
    expect(() => {
      sdk.init({ site: 'demo-shop' });
      sdk.track('Rendered');
      sdk.addToCart({ items: [{ item_id: 'mug-1' }] });
      sdk.purchase({ order: 'A-1', value: 1, currency: 'EUR' });
      sdk.flush();
      sdk.optOut();
      sdk.optIn();
    }).not.toThrow();
    expect(fetch).not.toHaveBeenCalled();
  });
});
