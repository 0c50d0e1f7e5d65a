/**
 * The script tag's start: options from the tag's `data-*` attributes (a bare attribute means `true`),
 * the endpoint `ingest` next to the script, then the calls the page queued before the script arrived,
 * in order, through the stub
 * `window.cartpulse=window.cartpulse||function(){(cartpulse.q=cartpulse.q||[]).push(arguments)}`.
 * Afterwards `cartpulse('track', ...)` and `cartpulse.track(...)` both work. With the tag on a page
 * twice, the second one leaves the first one's tracker alone, so nothing is counted twice.
 */
import { api } from './api.js';

/** Starts the tracker, unless an earlier copy of the tag has. */
export function boot(): void {
  const global = self as unknown as { cartpulse?: unknown };
  // Nothing, the stub (its queue in `q`), or an earlier tag's running tracker: the only one with `init`.
  const before = global.cartpulse as { q?: IArguments[]; init?: unknown } | undefined;
  if (!before?.init) {
    const script = document.currentScript as HTMLScriptElement;
    const options: Record<string, unknown> = { endpoint: '' + new URL('ingest', script.src) };
    for (const name in script.dataset) options[name] = script.dataset[name] || true;
    api.init(options);
    const cartpulse = Object.assign((name: string, ...args: unknown[]) => api[name]?.(...args), api);
    global.cartpulse = cartpulse;
    before?.q?.map((call) => cartpulse(...(call as unknown as [string])));
  }
}
