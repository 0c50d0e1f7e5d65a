import { describe, expect, it } from 'vitest';
import { decode, html, text } from '../testing/render.js';
import { sampleSnapshot } from '../testing/sample.js';
import { Funnel } from './Funnel.js';

describe('Funnel', () => {
  it('shows the four steps with step-to-step percentages', () => {
    const markup = html(<Funnel snapshot={sampleSnapshot()} locale="en-US" />);
    const steps = [...markup.matchAll(/data-step="(\w+)" data-value="(\d+)"/g)].map((m) => [m[1], m[2]]);
    expect(steps).toEqual([
      ['viewItems', '9'],
      ['addToCarts', '4'],
      ['checkouts', '2'],
      ['orders', '1'],
    ]);
    const shown = text(markup);
    expect(shown).toContain('Added to cart444.4%');
    expect(shown).toContain('Began checkout250.0%');
    expect(shown).toContain('Purchased150.0%');
  });

  it('shows a dash after an empty step instead of dividing by zero', () => {
    const snapshot = sampleSnapshot();
    snapshot.ecommerce = { ...snapshot.ecommerce, viewItems: 0, addToCarts: 0, checkouts: 0, orders: 0 };
    const shown = text(html(<Funnel snapshot={snapshot} locale="en-US" />));
    expect(shown).toContain('Purchased0–');
    expect(shown).not.toContain('NaN');
  });

  it("says how many of the backend's orders in the window browser tracking saw, only when it reported some", () => {
    const markup = html(<Funnel snapshot={sampleSnapshot()} locale="en-US" />);
    const line = /<p class="coverage" data-coverage="window" data-share="([^"]*)"[^>]*>([^<]*)</.exec(markup);
    expect(line?.[1]).toBe('1');
    expect(decode(line?.[2] ?? '')).toBe(
      'Browser tracking saw 100\u00a0% of the orders in the last 15 min (1 of 1)',
    );
    const snapshot = sampleSnapshot();
    const none = { browser: 1, backend: 0, both: 0, browserShare: null, backendOnlyRevenue: {} };
    snapshot.ecommerce = { ...snapshot.ecommerce, coverage: { window: none, today: null } };
    expect(html(<Funnel snapshot={snapshot} />)).not.toContain('data-coverage');
  });
});
