/** `dist/cartpulse.js` (served as `/cp.js`): the script-tag build with e-commerce and the dataLayer bridge. */
import { api } from './api.js';
import { boot } from './boot.js';
import { config } from './config.js';
import { bridgeDataLayer } from './datalayer.js';
import { commerce, FUNNEL } from './ecommerce.js';

// viewItem, addToCart, removeFromCart, beginCheckout, purchase: the npm names, from the event names.
for (const type of FUNNEL)
  api[type.replace(/_./g, (match) => match[1].toUpperCase())] = (input) => commerce(type, input);

boot();
// data-datalayer: read GA4 e-commerce from window.dataLayer. This copy's `config` stays empty when an
// earlier copy of the tag runs the tracker, so the dataLayer is bridged once.
if ((config as { datalayer?: unknown }).datalayer) bridgeDataLayer();
