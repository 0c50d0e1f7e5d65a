/**
 * Picks the site on screen: a plain label for one site, a select while every site fits in the first page,
 * and a search above that (`SiteFinder`), so the page never renders more than a page of options.
 */
import type { Api, Site, SitePage } from '../api.js';
import { siteLabel } from '../format.js';
import { SiteFinder } from './SiteFinder.js';
import { SiteSelect } from './SiteSelect.js';

interface SiteSwitcherProps {
  api: Pick<Api, 'sites'>;
  /** The first page of the directory. */
  directory: SitePage;
  site: Site;
  onChange(site: Site): void;
  locale?: string;
}

export function SiteSwitcher({ api, directory, site, onChange, locale }: SiteSwitcherProps) {
  if (directory.total <= 1) {
    return (
      <span class="site-name" data-site={site.id}>
        {siteLabel(site)}
      </span>
    );
  }
  if (directory.sites.length < directory.total)
    return <SiteFinder api={api} first={directory} site={site} onChange={onChange} locale={locale} />;
  return (
    <label class="site-switcher">
      <span class="visually-hidden">Site</span>
      <SiteSelect sites={directory.sites} site={site} onChange={onChange} />
    </label>
  );
}
