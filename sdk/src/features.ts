/**
 * Build flag. `true` here (the npm package and `dist/cartpulse.js`); the core script build
 * (`dist/cartpulse.core.js`) swaps this module for `FULL = false`, and the minifier drops every branch
 * behind it: `data-cp-event`, `data-storage="local"` and the immediate retry when the browser comes back
 * online.
 */
export const FULL: boolean = true;
