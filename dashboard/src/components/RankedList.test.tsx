import { describe, expect, it } from 'vitest';
import { html, text } from '../testing/render.js';
import { RankedList } from './RankedList.js';

describe('RankedList', () => {
  const rows = [
    { key: '/', label: '/', value: 10 },
    { key: 'x', label: '<img src=x onerror=alert(1)>', value: 5 },
  ];

  it('renders storefront text as text, never as markup', () => {
    const markup = html(
      <RankedList name="topPages" title="Top pages" window="15 min" unit="views" rows={rows} empty="-" />,
    );
    expect(markup).not.toContain('<img');
    expect(markup).toContain('&lt;img src=x onerror=alert(1)>');
    expect(text(markup)).toContain('<img src=x onerror=alert(1)>');
  });

  it('draws bars proportional to the largest value', () => {
    const markup = html(
      <RankedList name="topPages" title="Top pages" window="15 min" unit="views" rows={rows} empty="-" />,
    );
    expect(markup).toMatch(/width: ?100%/);
    expect(markup).toMatch(/width: ?50%/);
  });

  it('says when the window is empty', () => {
    const markup = html(
      <RankedList
        name="topPages"
        title="Top pages"
        window="15 min"
        unit="views"
        rows={[]}
        empty="Nothing yet."
      />,
    );
    expect(text(markup)).toContain('Nothing yet.');
  });
});
