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

/**
 * This page's opt-out, 1 or 0; the only one where storage throws (Safari's private mode, blocked).
 * Stored under `cp.optout`, set by `optOut()` and removed by `optIn()`: the key is written out where it
 * is used, which gzips smaller than a shared constant.
 */
let optedOut: number | undefined;

export const blocked = (): unknown =>
  optedOut ||
  storage()?.['cp.optout'] ||
  (FULL && config.respectDnt && navigator.doNotTrack == '1') ||
  (!config.allowLocalhost && /^(localhost|127\.|\[::1]$|$)/.test(location.hostname)) ||
  (!config.allowAutomation && navigator.webdriver) ||
  (navigator as Navigator & { globalPrivacyControl?: boolean }).globalPrivacyControl;

/**
 * Stops all tracking in this browser for this origin, until `optIn()`; events not yet sent are dropped.
 * The choice is kept in localStorage (`cp.optout`) and in memory: where storage throws, it holds for
 * this page only.
 * @example
 * document.querySelector('#no-analytics').addEventListener('click', () => optOut());
 */
export function optOut(): void {
  store('cp.optout', (optedOut = 1));
  forget();
}

/**
 * Undoes `optOut()`: events are recorded again from now on.
 * @example
 * optIn();
 */
export function optIn(): void {
  store('cp.optout', (optedOut = 0));
}
