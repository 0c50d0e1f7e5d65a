/**
 * The Sites panel, for the collector token only: register a site and get its snippet, list and remove
 * sites. With no site registered yet it is the page's content, open from the start.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Api, Site, SitePage } from '../api.js';
import { formatCount } from '../format.js';
import { AddSite, type Prefill } from './AddSite.js';
import { SiteList } from './SiteList.js';
import { Snippet } from './Snippet.js';

interface SitesProps {
  api: Pick<Api, 'sites' | 'addSite' | 'removeSite'>;
  /** The directory's first page. */
  directory: SitePage;
  /** The collector's origin, for the snippets. */
  origin: string;
  /** Set by a Register button elsewhere on the page: opens the panel with the id filled in. */
  prefill: Prefill | null;
  /** A site was added or removed: the page reloads its directory. */
  onChanged(added?: Site): void;
  locale?: string;
}

export function Sites({ api, directory, origin, prefill, onChanged, locale }: SitesProps) {
  const empty = directory.total === 0;
  const [open, setOpen] = useState(empty);
  const [added, setAdded] = useState<{ site: Site; replaced: boolean } | null>(null);
  const panel = useRef<HTMLDetailsElement>(null);

  useEffect(() => {
    const details = panel.current;
    if (!prefill || !details) return;
    setAdded(null);
    // Opened through the DOM so that the name field can take focus now; `onToggle` keeps the state in step.
    details.open = true;
    details.scrollIntoView({ block: 'start' });
    details.querySelector<HTMLInputElement>('input[name="name"]')?.focus({ preventScroll: true });
  }, [prefill]);

  return (
    <details
      ref={panel}
      class="panel sites"
      open={open}
      onToggle={(event) => setOpen((event.currentTarget as HTMLDetailsElement).open)}
    >
      <summary>
        Sites <span class="muted">· {formatCount(directory.total, locale)} registered</span>
      </summary>
      {empty && (
        <p class="intro-text">
          No site is registered yet. Register your shop to get its tracking snippet: the collector refuses
          events for sites it does not know.
        </p>
      )}
      <AddSite
        api={api}
        prefill={prefill}
        onAdded={(result) => {
          setAdded(result);
          onChanged(result.site);
        }}
      />
      {added && (
        <div class="added">
          <p role="status">
            {added.replaced
              ? `${added.site.id} was already registered: its settings were replaced.`
              : `${added.site.id} is registered.`}
          </p>
          <Snippet site={added.site} origin={origin} />
        </div>
      )}
      {!empty && (
        <SiteList
          api={api}
          directory={directory}
          origin={origin}
          onRemoved={() => onChanged()}
          locale={locale}
        />
      )}
    </details>
  );
}
