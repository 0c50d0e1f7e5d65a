import { describe, expect, it } from 'vitest';
import type { RecentEvent } from '../snapshot.js';
import { html, text } from '../testing/render.js';
import { SAMPLE_AT } from '../testing/sample.js';
import { Feed } from './Feed.js';

describe('Feed', () => {
  it('lists events newest first with relative times from the server clock', () => {
    const recent: RecentEvent[] = [
      { type: 'purchase', t: SAMPLE_AT - 3_000, item: 'Mug' },
      { type: 'pageview', t: SAMPLE_AT - 120_000, path: '/cart' },
      { type: 'event', t: SAMPLE_AT - 130_000, name: 'newsletter' },
    ];
    const shown = text(html(<Feed recent={recent} serverNow={SAMPLE_AT} />));
    expect(shown.indexOf('Mug')).toBeLessThan(shown.indexOf('/cart'));
    expect(shown).toContain('PurchaseMug3 s ago');
    expect(shown).toContain('Pageview/cart2 min ago');
    expect(shown).toContain('Eventnewsletter');
  });

  it('is capped', () => {
    const recent = Array.from(
      { length: 50 },
      (_, i): RecentEvent => ({
        type: 'pageview',
        t: SAMPLE_AT - i,
        path: `/p/${i}`,
      }),
    );
    const markup = html(<Feed recent={recent} serverNow={SAMPLE_AT} limit={20} />);
    expect(markup.match(/<li /g)).toHaveLength(20);
  });

  it('renders a hostile path as text', () => {
    const recent: RecentEvent[] = [{ type: 'pageview', t: SAMPLE_AT, path: '<img src=x onerror=alert(1)>' }];
    const markup = html(<Feed recent={recent} serverNow={SAMPLE_AT} />);
    expect(markup).not.toContain('<img');
    expect(text(markup)).toContain('<img src=x onerror=alert(1)>');
  });
});
