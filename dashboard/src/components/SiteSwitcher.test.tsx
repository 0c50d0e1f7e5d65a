import type { VNode } from 'preact';
import { describe, expect, it } from 'vitest';
import type { Site } from '../api.js';
import { SITES_PAGE } from '../sites.js';
import { html, text } from '../testing/render.js';
import { fakeDirectory, manyIds, page, site } from '../testing/sites.js';
import { SiteSelect } from './SiteSelect.js';
import { SiteSwitcher } from './SiteSwitcher.js';

const api = fakeDirectory([]);
const options = (markup: string) => markup.match(/<option /g)?.length ?? 0;

describe('SiteSwitcher', () => {
  it('is a plain label for a single site, with its name', () => {
    const only = site('demo-shop', { name: 'Demo Shop' });
    const markup = html(
      <SiteSwitcher api={api} directory={page(['demo-shop'])} site={only} onChange={() => {}} />,
    );
    expect(markup).not.toContain('<select');
    expect(markup).toContain('data-site="demo-shop"');
    expect(text(markup)).toBe('Demo Shop (demo-shop)');
  });

  it('lists every site in a select while they fit in one page', () => {
    const ids = manyIds(SITES_PAGE);
    const markup = html(
      <SiteSwitcher api={api} directory={page(ids)} site={site(ids[5])} onChange={() => {}} />,
    );
    expect(options(markup)).toBe(SITES_PAGE);
    expect(markup).not.toContain('type="search"');
    expect(markup).toMatch(/<option selected value="shop-00005"/);
  });

  it('searches instead above one page, rendering no more than a page of options for 100,000 sites', () => {
    const ids = manyIds(SITES_PAGE);
    const markup = html(
      <SiteSwitcher
        api={api}
        directory={page(ids, 100_000)}
        site={site('shop-99999')}
        onChange={() => {}}
        locale="en-US"
      />,
    );
    expect(markup).toContain('type="search"');
    expect(markup).toContain('placeholder="Search 100,000 sites"');
    expect(markup).toContain('maxlength="128"');
    // The site on screen stays selectable though it is not on the first page.
    expect(options(markup)).toBe(SITES_PAGE + 1);
    expect(markup).toMatch(/<option selected value="shop-99999"/);
  });
});

describe('SiteSelect', () => {
  it('hands over the chosen site, not only its id', () => {
    const chosen: Site[] = [];
    const sites = [site('a'), site('b', { name: 'Bee' })];
    const select = SiteSelect({ sites, site: sites[0], onChange: (s) => chosen.push(s) }) as VNode<{
      onChange(event: unknown): void;
    }>;
    select.props.onChange({ currentTarget: { value: 'b' } });
    select.props.onChange({ currentTarget: { value: 'unknown' } });
    expect(chosen).toEqual([sites[1]]);
    expect(text(html(select as VNode))).toBe('aBee (b)');
  });
});
