import { describe, expect, it } from 'vitest';
import type { Api } from '../api.js';
import { SITES_PAGE } from '../sites.js';
import { html, text } from '../testing/render.js';
import { manyIds, page, site } from '../testing/sites.js';
import { SiteList } from './SiteList.js';

const api = {} as Pick<Api, 'sites' | 'removeSite'>;
const origin = 'https://stats.example';

describe('SiteList', () => {
  it('shows each site with its time zone, origins and buttons, removal asking first', () => {
    const directory = {
      sites: [
        site('a-shop', { name: 'A Shop', timezone: 'Europe/Berlin', origins: ['https://a.example'] }),
        site('b-shop'),
      ],
      total: 2,
      next: null,
    };
    const markup = html(<SiteList api={api} directory={directory} origin={origin} onRemoved={() => {}} />);
    const shown = text(markup);
    expect(shown).toContain('A Shop (a-shop) Europe/Berlin · https://a.example');
    expect(shown).toContain('b-shop UTC · any origin');
    expect(markup.match(/>Remove…<\/button>/g)).toHaveLength(2);
    expect(markup).not.toContain('Yes, remove');
    expect(markup).toContain('aria-expanded="false"');
    expect(markup).not.toContain('type="search"');
    expect(shown).not.toContain('Show more');
  });

  it('shows a page at a time, with a filter and "Show more", for a large directory', () => {
    const directory = page(manyIds(SITES_PAGE), 100_000);
    const markup = html(
      <SiteList api={api} directory={directory} origin={origin} onRemoved={() => {}} locale="en-US" />,
    );
    expect(markup.match(/<li /g)).toHaveLength(SITES_PAGE);
    expect(markup).toContain('type="search"');
    expect(text(markup)).toContain('100 of 100,000 Show more');
  });
});
