/**
 * What `window.cartpulse` offers in the script-tag builds: the core's functions here; the full build's
 * entry adds the e-commerce helpers before `boot` runs.
 */
import { send } from './delivery.js';
import { optIn, optOut } from './privacy.js';
import { track } from './record.js';
import { start } from './tracker.js';

// biome-ignore lint/suspicious/noExplicitAny: the page calls functions by name with what it has.
export const api: Record<string, (...args: any[]) => void> = {
  track,
  init: start,
  optOut,
  optIn,
  flush: send,
};
