import { describe, expect, it } from 'vitest';
import { html, text } from '../testing/render.js';
import { sampleSnapshot } from '../testing/sample.js';
import { Carts } from './Carts.js';

describe('Carts', () => {
  it('shows the three cart stages with their sessions and value, and the average order value', () => {
    const markup = html(<Carts snapshot={sampleSnapshot()} locale="en-US" />);
    const stages = [...markup.matchAll(/data-cart-stage="(\w+)" data-value="(\d+)"/g)].map((m) => [
      m[1],
      m[2],
    ]);
    expect(stages).toEqual([
      ['active', '3'],
      ['checkingOut', '1'],
      ['purchased', '1'],
    ]);
    const shown = text(markup);
    expect(shown).toContain('Active carts');
    expect(shown).toContain('€86.50');
    expect(shown).toContain('Average order');
    expect(shown).toContain('€37.50');
  });

  it('is left out for a collector that sends no carts', () => {
    const snapshot = sampleSnapshot();
    const { carts: _carts, ...rest } = snapshot.ecommerce;
    snapshot.ecommerce = rest as typeof snapshot.ecommerce;
    expect(html(<Carts snapshot={snapshot} />)).toBe('');
  });
});
