/** Read-only share links for the site on screen (for a wall screen in the office); revocable. */
import { useEffect, useState } from 'preact/hooks';
import type { Api, NewShareLink, ShareLink } from '../api.js';
import { filterLabel } from '../breakdowns.js';
import { filterParam } from '../filter.js';
import { ago } from '../format.js';
import type { Filter } from '../snapshot.js';

interface SharesProps {
  api: Pick<Api, 'shares' | 'createShare' | 'revokeShare'>;
  site: string;
  now: number;
  /** Base of the links shown, e.g. `https://stats.example`. */
  origin: string;
  /** The filter on screen: a new link is offered with it too. */
  filter?: Filter | null;
}

/**
 * A link just created, shown once; with a filter on screen, also the same link narrowed by it (the
 * filter travels in the fragment, so the share token itself stays valid for the whole site).
 */
export function CreatedLink({ url, filter }: { url: string; filter?: Filter | null }) {
  return (
    <p class="created">
      New link (shown once): <output data-share-url>{url}</output>
      {filter && (
        <>
          <br />
          Showing only {filterLabel(filter)}:{' '}
          <output data-share-url-filtered>{`${url}#filter=${filterParam(filter)}`}</output>
        </>
      )}
    </p>
  );
}

export function Shares({ api, site, now, origin, filter }: SharesProps) {
  const [open, setOpen] = useState(false);
  const [links, setLinks] = useState<ShareLink[]>([]);
  const [created, setCreated] = useState<NewShareLink | null>(null);
  const [label, setLabel] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const refresh = () =>
    api
      .shares(site)
      .then(setLinks, (error: Error) => setProblem(`Could not list share links: ${error.message}`));

  useEffect(() => {
    setCreated(null);
    if (open) void refresh();
  }, [open, site]);

  return (
    <details
      class="panel shares"
      onToggle={(event) => setOpen((event.currentTarget as HTMLDetailsElement).open)}
    >
      <summary>Share links for {site}</summary>
      <p>A share link opens a read-only live view of this one site, for example on a screen in the office.</p>
      {problem && (
        <p class="problem" role="alert">
          {problem}
        </p>
      )}
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          try {
            setCreated(await api.createShare(site, label.trim() || undefined));
            setLabel('');
            await refresh();
          } catch (error) {
            setProblem(`Could not create a share link: ${(error as Error).message}`);
          }
        }}
      >
        <label>
          Label
          <input
            name="label"
            maxLength={64}
            value={label}
            placeholder="Office TV"
            onInput={(event) => setLabel((event.currentTarget as HTMLInputElement).value)}
          />
        </label>
        <button type="submit">Create link</button>
      </form>
      {created?.path && <CreatedLink url={`${origin}${created.path}`} filter={filter} />}
      {links.length > 0 && (
        <ul>
          {links.map((link) => (
            <li key={link.id} data-share-id={link.id}>
              <span>{link.label ?? link.id}</span>{' '}
              <span class="muted">created {ago(link.createdAt, now)}</span>{' '}
              <button
                type="button"
                onClick={async () => {
                  await api.revokeShare(link.id).catch((error: Error) => setProblem(error.message));
                  await refresh();
                }}
              >
                Revoke
              </button>
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
