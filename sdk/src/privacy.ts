/**
 * When the tracker records nothing at all: the visitor opted out (a choice kept in localStorage, and in
 * memory for when storage throws), the browser sends Global Privacy Control (always honoured)
 * or Do Not Track (with `respectDnt`), the page is local (unless `allowLocalhost`), or the browser is
 * automated (unless `allowAutomation`).
 */
import { config } from './config.js';
import { forget } from './delivery.js';
import { FULL } from './features.js';
import { storage, store } from './storage.js';

/** Set by `optOut()`, removed by `optIn()`. */
export const OPT_OUT_KEY = 'cp.optout';

/** This page's opt-out, 1 or 0; the only one where storage throws (Safari's private mode, blocked). */
let optedOut: number | undefined;

export const blocked = (): unknown =>
  optedOut ||
  storage()?.[OPT_OUT_KEY] ||
  (navigator as Navigator & { globalPrivacyControl?: boolean }).globalPrivacyControl ||
  (FULL && config.respectDnt && navigator.doNotTrack == '1') ||
  (!config.allowLocalhost && /^(localhost|127\.|\[::1]$|$)/.test(location.hostname)) ||
  (!config.allowAutomation && navigator.webdriver);

/**
 * Stops all tracking in this browser for this origin, until `optIn()`; events not yet sent are dropped.
 * The choice is kept in localStorage (`cp.optout`) and in memory: where storage throws, it holds for
 * this page only.
 * @example
 * document.querySelector('#no-analytics').addEventListener('click', () => optOut());
 */
export function optOut(): void {
  store(OPT_OUT_KEY, (optedOut = 1));
  forget();
}

/**
 * Undoes `optOut()`: events are recorded again from now on.
 * @example
 * optIn();
 */
export function optIn(): void {
  store(OPT_OUT_KEY, (optedOut = 0));
}
