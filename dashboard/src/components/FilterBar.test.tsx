import { describe, expect, it } from 'vitest';
import { elementWith, html, renderKeeping, text } from '../testing/render.js';
import { FilterBar } from './FilterBar.js';

const filter = { dimension: 'channel' as const, value: 'Email' };

describe('FilterBar', () => {
  it('shows the filter as a chip whose button removes it', () => {
    let cleared = 0;
    const { markup, elements } = renderKeeping(
      <FilterBar filter={filter} updating={false} applied={true} onClear={() => cleared++} />,
    );
    expect(markup).toContain('data-filter="channel:Email"');
    expect(text(markup)).toBe('Only sessions fromChannel: Email×');
    (elementWith(elements, 'aria-label', 'Remove filter Channel: Email').props.onClick as () => void)();
    expect(cleared).toBe(1);
  });

  it('says when the numbers are on their way, and when the collector did not apply the filter', () => {
    const updating = text(
      html(<FilterBar filter={filter} updating={true} applied={false} onClear={() => {}} />),
    );
    expect(updating).toContain('Loading…');
    expect(updating).not.toContain('did not apply');
    const ignored = text(
      html(<FilterBar filter={filter} updating={false} applied={false} onClear={() => {}} />),
    );
    expect(ignored).toContain('did not apply the filter');
  });

  it('names a country filter by the country', () => {
    const markup = html(
      <FilterBar
        filter={{ dimension: 'country', value: 'DE' }}
        updating={false}
        applied
        onClear={() => {}}
      />,
    );
    expect(text(markup)).toContain('Country: Germany');
  });
});
