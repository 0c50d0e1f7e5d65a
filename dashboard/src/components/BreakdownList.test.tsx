import { describe, expect, it } from 'vitest';
import type { Filter } from '../snapshot.js';
import { elementWith, html, renderKeeping, text } from '../testing/render.js';
import { sampleBreakdowns } from '../testing/sample.js';
import { BreakdownList } from './BreakdownList.js';

const rows = (markup: string) => markup.match(/<li /g)?.length ?? 0;

describe('BreakdownList', () => {
  it('shows each value with visitors, orders and revenue, and a bar proportional to visitors', () => {
    const markup = html(
      <BreakdownList
        dimension="channel"
        rows={sampleBreakdowns().channel}
        empty="-"
        onFilter={() => {}}
        locale="en-US"
      />,
    );
    expect(rows(markup)).toBe(3);
    const shown = text(markup);
    expect(shown).toContain('Organic Search8 visitors,1 orders,€37.50 revenue');
    expect(shown).toContain('Direct2 visitors,0 orders,–no revenue');
    expect(markup).toContain('data-row="Email"');
    expect(markup).toContain('data-revenue="{&quot;EUR&quot;:20,&quot;USD&quot;:12}"');
    expect(markup).toMatch(/width: ?100%/);
    expect(markup).toMatch(/width: ?50%/);
    expect(markup).toMatch(/width: ?25%/);
  });

  it('shows several currencies compactly, every amount in the tooltip', () => {
    const revenue = { EUR: 1500, USD: 12, GBP: 3 };
    const markup = html(
      <BreakdownList
        dimension="source"
        rows={[{ value: 'google', visitors: 1, pageviews: 1, orders: 3, revenue }]}
        empty="-"
        onFilter={() => {}}
        locale="en-US"
      />,
    );
    expect(text(markup)).toContain('€1.5K revenue +2, and in 2 more currencies');
    expect(markup).toContain('title="€1,500.00 · £3.00 · $12.00"');
  });

  it('shows countries with their flag and English name, and (not set) as Unknown', () => {
    const markup = html(
      <BreakdownList dimension="country" rows={sampleBreakdowns().country} empty="-" onFilter={() => {}} />,
    );
    const shown = text(markup);
    expect(shown).toContain('🇩🇪Germany');
    expect(shown).toContain('🇫🇷France');
    expect(shown).toContain('Unknown');
    expect(shown).not.toContain('(not set)');
    expect(markup).toContain('data-row="(not set)"');
  });

  it('filters by a row when it is clicked; the (other) row is not a filter', () => {
    const chosen: Filter[] = [];
    const { markup, elements } = renderKeeping(
      <BreakdownList
        dimension="source"
        rows={sampleBreakdowns().source}
        empty="-"
        onFilter={(filter) => chosen.push(filter)}
      />,
    );
    expect(markup.match(/<button/g)).toHaveLength(2);
    expect(text(markup)).toContain('Other');
    (elementWith(elements, 'title', 'Show only Source: newsletter').props.onClick as () => void)();
    expect(chosen).toEqual([{ dimension: 'source', value: 'newsletter' }]);
  });

  it('renders storefront text as text, and says when there are no rows', () => {
    const hostile = '/<img src=x onerror=alert(1)>';
    const markup = html(
      <BreakdownList
        dimension="entry"
        rows={[{ value: hostile, visitors: 1, pageviews: 1, orders: 0, revenue: {} }]}
        empty="-"
        onFilter={() => {}}
      />,
    );
    expect(markup).not.toContain('<img');
    expect(text(markup)).toContain(hostile);
    expect(
      text(html(<BreakdownList dimension="os" rows={[]} empty="Nothing yet." onFilter={() => {}} />)),
    ).toBe('Nothing yet.');
  });
});
