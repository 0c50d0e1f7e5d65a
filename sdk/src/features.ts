/**
 * Build flag. `true` here: the npm package and `dist/cartpulse.js`. The core script build
 * (`dist/cartpulse.core.js`) swaps this module for `FULL = false`, and the minifier drops every branch
 * behind it: `data-cp-event`, `storage: 'local'`, `respectDnt`, `beforeSend`, and options changed by a
 * later `init`. (E-commerce and the dataLayer bridge are left out of the core build by its entry.)
 */
export const FULL: boolean = true;
