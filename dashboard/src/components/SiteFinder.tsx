/**
 * The site switcher of a large installation: a search box that asks the collector (`?q=`) and a select
 * over the first page of matches. Enter picks the first match.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Api, Site, SitePage } from '../api.js';
import { formatCount } from '../format.js';
import { siteSearch } from '../site-search.js';
import { SiteSelect } from './SiteSelect.js';

interface SiteFinderProps {
  api: Pick<Api, 'sites'>;
  /** The directory's first page: what an empty search shows. */
  first: SitePage;
  site: Site;
  onChange(site: Site): void;
  locale?: string;
}

export function SiteFinder({ api, first, site, onChange, locale }: SiteFinderProps) {
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<{ query: string; page: SitePage } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const search = useMemo(
    () =>
      siteSearch({
        api,
        onResult(answered, page) {
          setFound({ query: answered, page });
          setProblem(null);
        },
        onError: (error) => setProblem(`Search failed: ${error.message}`),
      }),
    [api],
  );
  useEffect(() => () => search.stop(), [search]);

  const typed = query.trim();
  const page = typed && found ? found.page : first;
  const current = typed !== '' && found?.query === typed;
  return (
    <form
      class="site-switcher site-finder"
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        const match = current ? page.sites[0] : undefined;
        if (match) onChange(match);
      }}
    >
      <label>
        <span class="visually-hidden">Find a site</span>
        <input
          type="search"
          name="site-search"
          autocomplete="off"
          maxLength={128}
          value={query}
          placeholder={`Search ${formatCount(first.total, locale)} sites`}
          onInput={(event) => {
            const value = (event.currentTarget as HTMLInputElement).value;
            setQuery(value);
            search.search(value);
          }}
        />
      </label>
      <label>
        <span class="visually-hidden">Site</span>
        <SiteSelect sites={page.sites} site={site} onChange={onChange} />
      </label>
      <span class="muted match-count" aria-live="polite">
        {problem ??
          (!current
            ? ''
            : page.total === 0
              ? 'No match'
              : page.sites.length < page.total
                ? `${formatCount(page.sites.length, locale)} of ${formatCount(page.total, locale)} matches`
                : '')}
      </span>
    </form>
  );
}
