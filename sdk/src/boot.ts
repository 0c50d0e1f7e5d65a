/**
 * The script tag's start: options from the tag's `data-*` attributes (a bare attribute means `true`),
 * the endpoint `ingest` next to the script, then the calls the page queued before the script arrived,
 * in order, through the stub
 * `window.cartpulse=window.cartpulse||function(){(cartpulse.q=cartpulse.q||[]).push(arguments)}`.
 * Afterwards `cartpulse('track', ...)` and `cartpulse.track(...)` both work.
 */
import { api } from './api.js';

export function boot(): Record<string, unknown> {
  const global = self as unknown as { cartpulse?: { q?: IArguments[] } | typeof api };
  const script = document.currentScript as HTMLScriptElement;
  const options: Record<string, unknown> = { endpoint: new URL('ingest', script.src).href };
  for (const name in script.dataset) options[name] = script.dataset[name] || true;
  const queue = (global.cartpulse as { q?: IArguments[] })?.q || [];
  api.init(options);
  const cartpulse = Object.assign((name: string, ...args: unknown[]) => api[name]?.(...args), api);
  global.cartpulse = cartpulse;
  for (const call of queue) cartpulse(...(call as unknown as [string]));
  return options;
}
