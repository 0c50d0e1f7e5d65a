/**
 * `@cartpulse/sdk`: the Cartpulse browser tracker for bundlers. Safe to import during server-side
 * rendering; tree-shakable (the e-commerce helpers and the dataLayer bridge cost nothing unless used).
 * @example
 * import { init, track, addToCart, purchase } from '@cartpulse/sdk';
 * init({ site: 'demo-shop', endpoint: 'https://collector.example/ingest' });
 */
import type { Options } from './options.js';
import { start } from './tracker.js';

export { bridgeDataLayer } from './datalayer.js';
export {
  addToCart,
  beginCheckout,
  type CommerceInput,
  type ItemInput,
  type PurchaseInput,
  purchase,
  removeFromCart,
  viewItem,
} from './ecommerce.js';
export type { Options } from './options.js';
export { optIn, optOut } from './privacy.js';
export type { Batch, CartpulseEvent, EventType, Item, Props } from './protocol.js';
export { track } from './record.js';
export { flush } from './tracker.js';

/**
 * Starts the tracker: a page view now and on every client-side navigation, `data-cp-event` clicks and
 * submits, batches sent to the collector. Calling it again changes options (a `beforeSend` hook, say)
 * without starting twice. Does nothing on the server; calls made before it are ignored.
 * @example
 * import { init } from '@cartpulse/sdk';
 * init({ site: 'demo-shop', endpoint: 'https://collector.example/ingest' });
 */
export function init(options: Options): void {
  if (typeof window != 'undefined') start({ endpoint: '/ingest', ...options });
}
