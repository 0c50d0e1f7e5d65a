/**
 * Client-side routing with the History API: same-origin link clicks become `history.pushState`, which
 * the Cartpulse SDK notices and records as one pageview per new URL. The title is set before the URL
 * changes, so each pageview carries its page's title.
 */
import { useEffect, useState } from 'preact/hooks';
import { internalPath, matchRoute, routeTitle } from './routes.js';

const listeners = new Set<() => void>();
const notify = () => {
  for (const listener of listeners) listener();
};

function setTitle(pathname: string) {
  document.title = routeTitle(matchRoute(pathname));
}

/** Moves the app to `path` (same origin), as a new history entry. */
export function navigate(path: string): void {
  const url = new URL(path, location.origin);
  if (url.pathname + url.search + url.hash === location.pathname + location.search + location.hash) return;
  setTitle(url.pathname);
  history.pushState(null, '', url);
  scrollTo(0, 0);
  notify();
}

/**
 * Takes over link clicks and back/forward. Call it before the SDK's `init`, so that on back/forward the
 * title is already right when the SDK records the pageview (listeners run in the order they were added).
 */
export function startRouter(): void {
  addEventListener('popstate', () => {
    setTitle(location.pathname);
    notify();
  });
  document.addEventListener('click', (event) => {
    const anchor = (event.target as Element | null)?.closest?.('a[href]') as HTMLAnchorElement | null;
    if (!anchor || event.defaultPrevented || anchor.hasAttribute('download')) return;
    const path = internalPath(anchor.href, location.origin, event, anchor.getAttribute('target'));
    if (path === null) return;
    event.preventDefault();
    navigate(path);
  });
}

/** The current path; re-renders the component on every navigation. */
export function usePath(): string {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const update = () => setPath(location.pathname);
    listeners.add(update);
    return () => void listeners.delete(update);
  }, []);
  return path;
}
