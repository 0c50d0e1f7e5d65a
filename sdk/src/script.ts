/** `dist/cartpulse.js` (served as `/cp.js`): the script-tag build with e-commerce and the dataLayer bridge. */
import { boot } from './boot.js';
import { bridgeDataLayer } from './datalayer.js';
import { commerce, FUNNEL } from './ecommerce.js';
import { track } from './record.js';
import { send } from './delivery.js';
import { optIn, optOut, start } from './tracker.js';

// biome-ignore lint/suspicious/noExplicitAny: the page passes what it has.
const api: Record<string, (input: any) => void> = { init: start, track, flush: send, optOut, optIn };
// viewItem, addToCart, removeFromCart, beginCheckout, purchase: the npm names, from the event names.
for (const type of FUNNEL)
  api[type.replace(/_./g, (match) => match[1].toUpperCase())] = (input) => commerce(type, input);

// data-datalayer: read GA4 e-commerce from window.dataLayer.
if (boot(api as Parameters<typeof boot>[0]).datalayer) bridgeDataLayer();
