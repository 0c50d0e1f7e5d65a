/**
 * The registered sites, a page at a time (there may be 100,000): each with its snippet and a remove that
 * asks first. A filter box appears when the sites do not fit on one page.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { type Api, HttpError, type Site, type SitePage } from '../api.js';
import { formatCount, siteLabel } from '../format.js';
import { siteSearch } from '../site-search.js';
import { Snippet } from './Snippet.js';

interface SiteListProps {
  api: Pick<Api, 'sites' | 'removeSite'>;
  /** The directory's first page, kept fresh by the page: shown while nothing is searched. */
  directory: SitePage;
  origin: string;
  onRemoved(id: string): void;
  locale?: string;
}

export function SiteList({ api, directory, origin, onRemoved, locale }: SiteListProps) {
  const [query, setQuery] = useState('');
  // A search answer or further pages; null shows the directory's first page.
  const [found, setFound] = useState<SitePage | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const search = useMemo(
    () =>
      siteSearch({
        api,
        onResult(_query, page) {
          setFound(page);
          setProblem(null);
        },
        onError: (error) => setProblem(`Could not list sites: ${error.message}`),
      }),
    [api],
  );
  useEffect(() => () => search.stop(), [search]);

  const page = found ?? directory;
  const remove = async (site: Site) => {
    try {
      // Already gone (removed from another tab or the CLI) is what was asked for.
      await api.removeSite(site.id).catch((error) => {
        if (!(error instanceof HttpError && error.status === 404)) throw error;
      });
      setProblem(null);
      setFound(
        (shown) =>
          shown && { ...shown, sites: shown.sites.filter((s) => s.id !== site.id), total: shown.total - 1 },
      );
      onRemoved(site.id);
    } catch (error) {
      setProblem(`Could not remove ${site.id}: ${(error as Error).message}`);
    }
  };

  return (
    <section class="site-list" aria-labelledby="site-list-heading">
      <h2 id="site-list-heading">Registered sites</h2>
      {directory.sites.length < directory.total && (
        <label>
          <span class="visually-hidden">Filter sites</span>
          <input
            type="search"
            name="site-filter"
            autocomplete="off"
            maxLength={128}
            placeholder="Filter by id or name"
            value={query}
            onInput={(event) => {
              const value = (event.currentTarget as HTMLInputElement).value;
              setQuery(value);
              if (value.trim()) search.search(value);
              else {
                search.stop();
                setFound(null);
              }
            }}
          />
        </label>
      )}
      {problem && (
        <p class="problem" role="alert">
          {problem}
        </p>
      )}
      {page.sites.length === 0 ? (
        <p class="empty">{query.trim() ? 'No site matches.' : 'No site is registered.'}</p>
      ) : (
        <ul>
          {page.sites.map((site) => (
            <SiteRow key={site.id} site={site} origin={origin} onRemove={() => remove(site)} />
          ))}
        </ul>
      )}
      {page.next && (
        <p>
          <span class="muted">
            {formatCount(page.sites.length, locale)} of {formatCount(page.total, locale)}
          </span>{' '}
          <button type="button" onClick={() => search.more(query, page)}>
            Show more
          </button>
        </p>
      )}
    </section>
  );
}

interface SiteRowProps {
  site: Site;
  origin: string;
  onRemove(): Promise<void>;
}

/**
 * One site. Removing asks for a second click in the row rather than `confirm()`: a native dialog would
 * freeze the live numbers behind it, and the end-to-end suite counts any dialog as an injected script.
 */
function SiteRow({ site, origin, onRemove }: SiteRowProps) {
  const [confirming, setConfirming] = useState(false);
  const [snippet, setSnippet] = useState(false);
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) confirm.current?.focus();
  }, [confirming]);
  return (
    <li data-site-id={site.id}>
      <span class="site-label">{siteLabel(site)}</span>{' '}
      <span class="muted">
        {site.timezone} · {site.origins.length ? site.origins.join(', ') : 'any origin'}
      </span>{' '}
      <button type="button" aria-expanded={snippet} onClick={() => setSnippet(!snippet)}>
        Snippet
      </button>{' '}
      {confirming ? (
        <span class="confirm">
          Remove {site.id} and its numbers? Its events will be refused from then on.{' '}
          <button type="button" class="danger" ref={confirm} onClick={onRemove}>
            Yes, remove
          </button>{' '}
          <button type="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </span>
      ) : (
        <button type="button" onClick={() => setConfirming(true)}>
          Remove…
        </button>
      )}
      {snippet && <Snippet site={site} origin={origin} />}
    </li>
  );
}
