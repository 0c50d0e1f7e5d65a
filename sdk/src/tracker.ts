/**
 * The tracker: one per page, configured by `init`. Nothing here touches `window` before `init` runs, so
 * importing the SDK during server-side rendering is safe.
 */
import { autotrack } from './autotrack.js';
import { config } from './config.js';
import { trackDeclared } from './declarative.js';
import { send, startDelivery } from './delivery.js';
import { FULL } from './features.js';
import type { Options } from './options.js';

/** Starts the tracker, or (full build) changes its options when it runs already. */
export function start(options: Options): void {
  if (config.site) {
    if (FULL) Object.assign(config, options);
    return;
  }
  Object.assign(config, { batchSize: 10, flushInterval: 2000 }, options);
  startDelivery();
  if (FULL) trackDeclared();
  autotrack();
}

/**
 * Sends every waiting event now instead of at the next batch boundary.
 * @example
 * flush();
 */
export const flush: () => void = send;
