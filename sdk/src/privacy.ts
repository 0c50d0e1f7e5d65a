/**
 * When the tracker records nothing at all: the visitor opted out (a choice kept in localStorage), the
 * browser sends Global Privacy Control (always honoured) or Do Not Track (with `respectDnt`), the page
 * is local (unless `allowLocalhost`), or the browser is automated (unless `allowAutomation`).
 */
import { config } from './config.js';
import { FULL } from './features.js';
import { storage } from './storage.js';

/** Set by `optOut()`, removed by `optIn()`. */
export const OPT_OUT_KEY = 'cp.optout';

export const blocked = (): unknown =>
  storage()?.[OPT_OUT_KEY] ||
  (navigator as Navigator & { globalPrivacyControl?: boolean }).globalPrivacyControl ||
  (FULL && config.respectDnt && navigator.doNotTrack == '1') ||
  (!config.allowLocalhost && /^(localhost|127\.|\[::1]$|$)/.test(location.hostname)) ||
  (!config.allowAutomation && navigator.webdriver);
