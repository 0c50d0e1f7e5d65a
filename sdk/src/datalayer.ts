/**
 * The dataLayer bridge: a shop that already feeds GA4 gets Cartpulse e-commerce with no code. Reads what
 * `dataLayer` holds and everything pushed later, in both forms GA4 knows:
 * `dataLayer.push({ event: 'purchase', ecommerce: {...} })` and `gtag('event', 'purchase', {...})`
 * (which pushes an Arguments object). `{ ecommerce: null }` clearing pushes and every other entry are
 * passed by.
 */
import { type CommerceType, commerce, FUNNEL } from './ecommerce.js';

type Entry = { event?: string; ecommerce?: object; [index: number]: unknown } | null | undefined;

/**
 * Reads GA4 e-commerce events from `window.dataLayer` (created if absent), now and from every later
 * push. Call it once, after `init`. The script tag does it with `data-datalayer`.
 * @example
 * init({ site: 'demo-shop' });
 * bridgeDataLayer();
 */
export function bridgeDataLayer(): void {
  const global = self as unknown as { dataLayer?: Entry[] };
  const layer = (global.dataLayer ||= []);
  const read = (entry: Entry) => {
    const gtag = entry?.[0] == 'event';
    const type = (gtag ? entry![1] : entry?.event) as CommerceType;
    const params = gtag ? entry![2] : entry?.ecommerce;
    if (params && FUNNEL.includes(type)) commerce(type, params);
  };
  layer.map(read);
  const push = layer.push;
  layer.push = (...entries) => {
    entries.map(read);
    return push.apply(layer, entries);
  };
}
