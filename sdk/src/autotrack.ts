/**
 * Page views without code: one on load, one per distinct URL in single-page apps (`pushState`,
 * `replaceState`, back/forward), one when a page comes back from the back/forward cache. And the
 * moment to flush: the page being hidden or left (never `unload`, which breaks the back/forward cache).
 * A page view carries the whole URL (`document.URL`, the same as `location.href`), query included: the
 * collector reads utm_* tags and click ids from it. The first one of a page load also carries
 * `document.referrer`.
 */
import { config } from './config.js';
import { send } from './delivery.js';
import { record } from './record.js';

/**
 * The route last recorded: its URL up to the hash, or with the hash when the app routes by hash, where
 * an empty hash, `#` and `#/` are all the start route (Vue Router replaces `/` with `/#/` as it starts).
 * Unset until the first page view.
 */
let shown: string;

/**
 * Records a page view when the route differs from the one last recorded, or when the page comes back
 * from the back/forward cache (the same URL, but a new view).
 */
function pageview(event?: Event) {
  const url = document.URL;
  const key = url.split(config.hash ? /#\/?$/ : '#')[0];
  if (key != shown || (event as PageTransitionEvent)?.persisted) {
    record({
      type: 'pageview',
      // Where the page load came from: on its first page view only, so a later one is no new arrival.
      ref: (!shown && document.referrer) || undefined,
      // The route is taken before recording: a `beforeSend` hook that navigates does not loop.
      url: ((shown = key), url),
    });
  }
}

export function autotrack(): void {
  (['pushState', 'replaceState'] as const).map((method) => {
    const original = history[method];
    // (`pushState` returns nothing: `pageview` gets no event.)
    history[method] = (...args: Parameters<History['pushState']>) =>
      pageview(original.apply(history, args) as undefined);
  });
  addEventListener('popstate', pageview);
  addEventListener('pageshow', pageview);
  addEventListener('pagehide', send);
  addEventListener('visibilitychange', () => document.hidden && send(1));
  // The first page view waits for the calls queued before the script loaded (a `beforeSend` hook, say).
  setTimeout(pageview);
}
