import { describe, expect, it } from 'vitest';
import { html, metricValue, text } from '../testing/render.js';
import { sampleSnapshot } from '../testing/sample.js';
import { Headline } from './Headline.js';

describe('Headline', () => {
  it('carries every headline number as data-metric with the exact snapshot value', () => {
    const markup = html(<Headline snapshot={sampleSnapshot()} locale="en-US" />);
    expect(metricValue(markup, 'activeUsers')).toBe('3');
    expect(metricValue(markup, 'activeSessions')).toBe('4');
    expect(metricValue(markup, 'pageviews')).toBe('1234');
    expect(metricValue(markup, 'orders')).toBe('1');
    expect(metricValue(markup, 'conversionRate')).toBe('0.3333');
    expect(JSON.parse(metricValue(markup, 'revenue') ?? '')).toEqual({ EUR: 37.5 });
  });

  it('labels each number with its window and formats it for people', () => {
    const shown = text(html(<Headline snapshot={sampleSnapshot()} locale="en-US" />));
    expect(shown).toContain('Active users 5 min');
    expect(shown).toContain('Pageviews 15 min');
    expect(shown).toContain('1,234');
    expect(shown).toContain('€37.50');
    expect(shown).toContain('33.3%');
  });

  it('shows revenue per currency, and zero without any', () => {
    const snapshot = sampleSnapshot();
    snapshot.ecommerce.revenue = { USD: 10, EUR: 5 };
    const markup = html(<Headline snapshot={snapshot} locale="en-US" />);
    expect(markup.indexOf('data-currency="EUR"')).toBeLessThan(markup.indexOf('data-currency="USD"'));
    snapshot.ecommerce.revenue = {};
    const empty = html(<Headline snapshot={snapshot} locale="en-US" />);
    expect(metricValue(empty, 'revenue')).toBe('{}');
    expect(empty).not.toContain('data-currency');
  });
});
