/**
 * Realistic `POST /ingest` bodies, shaped like the SDK's: one visitor's events per batch, a shop's mix of
 * page views and funnel steps, unique event ids. Pure and cheap, so the load driver builds each body as
 * it sends it. `storedBatch` is what the collector writes to the stream for the same events (checked
 * against the collector's own normalisation in bench.test.ts), for filling streams without HTTP.
 */
import { clientOf, trafficOf } from '../src/protocol/enrich.js';
import type { StoredBatch, StoredClient, StoredEvent } from '../src/protocol/stored-event.js';

export interface BodyShape {
  site: string;
  /** Events per batch. */
  events: number;
  /**
   * Events carry `vid` and `sid` (the SDK with `storage: 'local'`); without them the collector derives a
   * cookieless visitor from a daily salt, the IP and the User-Agent.
   */
  identified: boolean;
  /** Distinct visitors the batches cycle through. */
  visitors: number;
  /** Prefix of every id, so runs and drivers never share ids. */
  tag: string;
}

const PATHS = 200;
/** Where visitors land from: a batch's first page view carries its visitor's. */
export const LANDINGS = [
  { ref: 'https://www.google.com/', query: '' },
  { ref: '', query: '' },
  { ref: 'https://www.instagram.com/', query: '' },
  { ref: '', query: '?utm_source=newsletter&utm_medium=email&utm_campaign=spring' },
  { ref: 'https://www.bing.com/', query: '' },
  { ref: '', query: '?gclid=Cj0KCQiA' },
  { ref: 'https://blog.example.org/post', query: '' },
  { ref: 'https://l.facebook.com/', query: '?utm_source=facebook&utm_medium=paid_social&utm_campaign=sale' },
];
/** Requests' countries and devices, by visitor, for filling streams without HTTP. */
const NETWORKS = ['81.2.69.', '89.160.20.', '216.160.83.', '175.16.199.', '2.125.160.', '67.43.156.'];
const USER_AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
];
const PRODUCTS = 100;

const product = (k: number) => {
  const n = k % PRODUCTS;
  return { id: `sku-${n}`, name: `Product ${n}`, price: 5 + (n % 40) + 0.99 };
};

/** One event as the SDK sends it: event `i` of batch `seq`. */
export function wireEvent(shape: BodyShape, seq: number, i: number, now: number): Record<string, unknown> {
  const visitorNumber = seq % shape.visitors;
  const visitor = visitorNumber.toString(36);
  const k = seq * shape.events + i;
  const event: Record<string, unknown> = {
    type: 'pageview',
    id: `${shape.tag}${seq.toString(36)}-${i}`,
    ts: now - (shape.events - i) * 50,
  };
  if (shape.identified) {
    event.vid = `${shape.tag}v${visitor}`;
    event.sid = `${shape.tag}s${visitor}`;
  }
  const slot = k % 50;
  const item = product(k);
  if (slot < 30) {
    const landing = LANDINGS[visitorNumber % LANDINGS.length];
    const page = `https://${shape.site}.example/p/page-${k % PATHS}`;
    event.url = i === 0 ? `${page}${landing.query}` : page;
    event.ref = i === 0 ? landing.ref || undefined : `https://${shape.site}.example/`;
    if (event.ref === undefined) delete event.ref;
    event.title = `Page ${k % PATHS} | Shop`;
  } else if (slot < 40) {
    Object.assign(event, { type: 'view_item', items: [item], value: item.price, currency: 'EUR' });
  } else if (slot < 46) {
    Object.assign(event, { type: 'add_to_cart', items: [{ ...item, qty: 1 }], value: item.price });
    event.currency = 'EUR';
  } else if (slot < 48) {
    Object.assign(event, { type: 'begin_checkout', items: [item], value: item.price, currency: 'EUR' });
  } else if (slot < 49) {
    const order = `${shape.tag}o${seq.toString(36)}-${i}`;
    Object.assign(event, { type: 'purchase', order, items: [item], value: item.price, currency: 'EUR' });
  } else {
    Object.assign(event, { type: 'event', name: 'newsletter', props: { placement: 'footer' } });
  }
  return event;
}

/** The JSON text of batch `seq`, as the SDK posts it (`text/plain`). */
export function ingestBody(shape: BodyShape, seq: number, now: number): string {
  const events = [];
  for (let i = 0; i < shape.events; i++) events.push(wireEvent(shape, seq, i, now));
  return JSON.stringify({ site: shape.site, sent: now, events });
}

/** The cookieless visitor id the collector would derive for batch `seq`'s visitor (same length and form). */
export const cookielessVisitor = (shape: BodyShape, seq: number) =>
  `a:${`${shape.tag}${(seq % shape.visitors).toString(36)}`.padEnd(22, '_')}`;

/**
 * What the collector stores for batch `seq` when it accepts it at `now` with the client's clock in step:
 * the stream entry's events, as ingest's normalisation produces them.
 */
export function storedBatch(shape: BodyShape, seq: number, now: number): StoredBatch {
  const events: StoredEvent[] = [];
  for (let i = 0; i < shape.events; i++) {
    const wire = wireEvent(shape, seq, i, now);
    const { ts, url, vid, ...rest } = wire;
    const stored = {
      id: rest.id,
      type: rest.type,
      t: ts,
      vid: vid ?? cookielessVisitor(shape, seq),
    } as StoredEvent;
    if (rest.sid !== undefined) stored.sid = rest.sid as string;
    if (url !== undefined) stored.path = new URL(url as string).pathname;
    for (const field of ['title', 'ref', 'name', 'props', 'items', 'value', 'currency', 'order'] as const)
      if (rest[field] !== undefined) (stored as unknown as Record<string, unknown>)[field] = rest[field];
    if (stored.type === 'pageview') stored.traffic = trafficOf(url as string, rest.ref as string | undefined);
    events.push(stored);
  }
  return { site: shape.site, events, client: clientFor(shape, seq) };
}

/** The country and device of batch `seq`'s visitor, as the collector would learn them from the request. */
export function clientFor(shape: BodyShape, seq: number): StoredClient {
  const visitor = seq % shape.visitors;
  return clientOf(
    `${NETWORKS[visitor % NETWORKS.length]}${Math.floor(visitor / NETWORKS.length) % 250}`,
    USER_AGENTS[visitor % USER_AGENTS.length],
  );
}
