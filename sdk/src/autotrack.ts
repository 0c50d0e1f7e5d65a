/**
 * Page views without code: one on load, one per distinct URL in single-page apps (`pushState`,
 * `replaceState`, back/forward), one when a page comes back from the back/forward cache. And the
 * moment to flush: the page being hidden or left (never `unload`, which breaks the back/forward cache).
 */
import { config } from './config.js';
import { send } from './delivery.js';
import { record } from './record.js';

/** The page last recorded: its URL up to the hash, or with the hash when the app routes by hash. */
let shown: string | 0;

/** Records a page view when the URL differs from the one last recorded. */
function pageview() {
  const url = location.href;
  const key = config.hash ? url : url.split('#')[0];
  if (key != shown) {
    shown = key;
    record({ type: 'pageview', url });
  }
}

export function autotrack(): void {
  (['pushState', 'replaceState'] as const).forEach((method) => {
    const original = history[method];
    history[method] = (...args: Parameters<History['pushState']>) => {
      original.apply(history, args);
      pageview();
    };
  });
  addEventListener('popstate', pageview);
  // Back from the back/forward cache: the same URL, but a new view.
  addEventListener('pageshow', (event) => event.persisted && ((shown = 0), pageview()));
  addEventListener('pagehide', send);
  addEventListener('visibilitychange', () => document.hidden && send(1));
  // The first page view waits for the calls queued before the script loaded (a `beforeSend` hook, say).
  setTimeout(pageview);
}
