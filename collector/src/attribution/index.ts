/**
 * What the collector learns about a visit from the request itself: the traffic source and GA4 channel
 * of a page view, the country of the client address, the device of the User-Agent. See README.md.
 */
export { CHANNELS } from './channels.js';
export { countryOf } from './country.js';
export { type Device, deviceOf } from './device.js';
export { classifyTraffic, type Traffic } from './traffic.js';
