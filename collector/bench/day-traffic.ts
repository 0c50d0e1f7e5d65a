/**
 * A day of one shop's traffic: `visitors` visitors, each with one to four sessions of up to 30 minutes
 * spread over the last 24 hours, `events` events in all. Mostly page views, then product views, carts,
 * checkouts, a few custom events and 2% purchases, each with an order id, at the end of a session. Ids
 * are made as the SDK makes them with `storage: 'local'`: a page id of 11 letters and digits per page
 * view, the event id `<page>-<n>`, the visitor id its first page's id, the session id its session's first.
 *
 * Seeded, so every run writes the same day. The events are held in typed arrays and become stream
 * entries only as `batches` yields them, in time order: each entry holds the next `batchEvents` events
 * of visitors who share a country and a device (one client per entry, as ingest stores it).
 */
import type { EventTraffic, StoredBatch, StoredEvent } from '../src/protocol/stored-event.js';
import { trafficOf } from '../src/protocol/enrich.js';
import { clientFor, LANDINGS } from './bodies.js';

export interface DayShape {
  site: string;
  events: number;
  visitors: number;
  /** The latest event is a few seconds before this, the earliest less than 24 hours before. */
  now: number;
  batchEvents: number;
  /** @default 1 */
  seed?: number;
}

export interface DayTraffic {
  events: number;
  visitors: number;
  sessions: number;
  pageviews: number;
  purchases: number;
  /** Stream entries in time order (by their last event). */
  batches(): Generator<StoredBatch>;
}

const HOUR = 3_600_000;
const SESSION_MS = 30 * 60_000;
/** Events in a session: at most this many. */
const LONGEST = 60;
/** Share of the events that are purchases. */
export const PURCHASE_SHARE = 0.02;
/** Country and device combinations (bodies.ts: six networks, four browsers). */
const CLIENTS = 12;
const PRODUCTS = 500;
const COLLECTIONS = 20;

const KIND = { pageview: 0, viewItem: 1, addToCart: 2, beginCheckout: 3, purchase: 4, custom: 5 };
/** A session's events after its landing, but for a purchase's last three: each kind up to its share. */
const MIX: [below: number, kind: number][] = [
  [0.72, KIND.pageview],
  [0.87, KIND.viewItem],
  [0.94, KIND.addToCart],
  [0.96, KIND.beginCheckout],
];

/** Mulberry32: a small seeded generator of numbers in [0, 1). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A bijection of 32-bit integers (a murmur3 finaliser): distinct inputs give distinct outputs. */
function mix(x: number, salt: number): number {
  let h = Math.imul((x ^ salt) >>> 0, 0x9e3779b1);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Page `g`'s id, 11 letters and digits like the SDK's; distinct for distinct `g` (the first 7 are `mix`). */
export const pageId = (g: number, seed = 1) =>
  (mix(g, seed).toString(36).padStart(7, '0') + mix(g, ~seed).toString(36).padStart(7, '0')).slice(0, 11);

export function dayTraffic(shape: DayShape): DayTraffic {
  const { site, events: total, visitors, now, batchEvents } = shape;
  const seed = shape.seed ?? 1;
  const next = random(seed);
  // sessions per visitor: 1 (70%), 2 (20%), 3 (7%) or 4
  const sessionsOf = new Uint8Array(visitors);
  let sessionCount = 0;
  for (let v = 0; v < visitors; v++) {
    const u = next();
    sessionsOf[v] = u < 0.7 ? 1 : u < 0.9 ? 2 : u < 0.97 ? 3 : 4;
    sessionCount += sessionsOf[v];
  }
  if (total < 3 * sessionCount) throw new RangeError(`${total} events are too few for ${visitors} visitors`);
  // events per session: 1 + exponential, then nudged until they add up to `total`
  const lengths = new Uint8Array(sessionCount);
  const mean = total / sessionCount;
  let sum = 0;
  for (let s = 0; s < sessionCount; s++) {
    lengths[s] = Math.min(LONGEST, 1 + Math.floor(-Math.log(1 - next()) * (mean - 1)));
    sum += lengths[s];
  }
  while (sum !== total) {
    const s = Math.floor(next() * sessionCount);
    const step = sum < total ? 1 : -1;
    if (lengths[s] + step >= 1 && lengths[s] + step <= LONGEST) {
      lengths[s] += step;
      sum += step;
    }
  }
  // the sessions that end in a purchase (after a cart and a checkout)
  const buys = new Uint8Array(sessionCount);
  const purchases = Math.round(total * PURCHASE_SHARE);
  for (let bought = 0; bought < purchases; ) {
    const s = Math.floor(next() * sessionCount);
    if (buys[s] === 0 && lengths[s] >= 3) {
      buys[s] = 1;
      bought++;
    }
  }

  // every event: its time, kind, visitor, session, and the page view it belongs to (its global index)
  const time = new Float64Array(total);
  const kind = new Uint8Array(total);
  const visitorOf = new Int32Array(total);
  const sessionOf = new Int32Array(total);
  const pageOf = new Int32Array(total);
  const firstOfVisitor = new Int32Array(visitors);
  const sessionFirst = new Int32Array(sessionCount);
  const earliest = now - 24 * HOUR + 1000;
  const span = 24 * HOUR - 1000 - 5000;
  let g = 0;
  let s = 0;
  let pageviews = 0;
  for (let v = 0; v < visitors; v++) {
    const slot = span / sessionsOf[v];
    for (let k = 0; k < sessionsOf[v]; k++, s++) {
      const n = lengths[s];
      const gaps = Array.from({ length: n - 1 }, () => 10_000 + next() * 100_000);
      const length = gaps.reduce((a, b) => a + b, 0);
      const scale = length > SESSION_MS - 60_000 ? (SESSION_MS - 60_000) / length : 1;
      let t = earliest + slot * k + next() * (slot - length * scale);
      sessionFirst[s] = g;
      if (k === 0) firstOfVisitor[v] = g;
      for (let j = 0; j < n; j++, g++) {
        if (j > 0) t += gaps[j - 1] * scale;
        time[g] = Math.floor(t);
        visitorOf[g] = v;
        sessionOf[g] = s;
        const fromEnd = n - 1 - j;
        let type = KIND.pageview;
        if (buys[s] && fromEnd < 3) type = [KIND.purchase, KIND.beginCheckout, KIND.addToCart][fromEnd];
        else if (j > 0) {
          const u = next();
          type = MIX.find(([below]) => u < below)?.[1] ?? KIND.custom;
        }
        kind[g] = type;
        pageOf[g] = type === KIND.pageview ? g : pageOf[g - 1];
        if (type === KIND.pageview) pageviews++;
      }
    }
  }
  const order = new Uint32Array(total);
  for (let i = 0; i < total; i++) order[i] = i;
  order.sort((a, b) => time[a] - time[b]);

  let orders = 0;
  const traffics = new Map<number, EventTraffic>();
  // every visitor's and session's id, made once
  const visitorIds: string[] = new Array(visitors);
  const sessionIds: string[] = new Array(sessionCount);
  const event = (g: number): StoredEvent => {
    const page = pageOf[g];
    const stored: StoredEvent = {
      id: `${pageId(page, seed)}-${g - page + 1}`,
      type: 'pageview',
      t: time[g],
      vid: (visitorIds[visitorOf[g]] ??= pageId(firstOfVisitor[visitorOf[g]], seed)),
      sid: (sessionIds[sessionOf[g]] ??= pageId(sessionFirst[sessionOf[g]], seed)),
    };
    const spot = mix(page, seed + 1);
    const n = spot % PRODUCTS;
    const item = { id: `sku-${n}`, name: `Product ${n}`, price: 5 + (n % 80) + 0.99 };
    switch (kind[g]) {
      case KIND.pageview: {
        const landing =
          page === sessionFirst[sessionOf[g]] ? LANDINGS[mix(page, seed + 2) % LANDINGS.length] : undefined;
        const where = spot % 10;
        stored.path =
          where === 0 ? '/' : where < 3 ? `/collections/c-${spot % COLLECTIONS}` : `/products/product-${n}`;
        stored.title = where === 0 ? 'Shop' : where < 3 ? `Collection ${spot % COLLECTIONS}` : item.name;
        stored.ref = landing ? landing.ref || undefined : `https://${site}.example/`;
        if (stored.ref === undefined) delete stored.ref;
        // where a page view came from depends on its landing only, not on the shop's own path
        const from = landing ? LANDINGS.indexOf(landing) : -1;
        let traffic = traffics.get(from);
        if (!traffic) {
          traffic = trafficOf(`https://${site}.example/${landing?.query ?? ''}`, stored.ref);
          traffics.set(from, traffic);
        }
        stored.traffic = traffic;
        break;
      }
      case KIND.viewItem:
        Object.assign(stored, { type: 'view_item', items: [item], value: item.price, currency: 'EUR' });
        break;
      case KIND.addToCart:
        Object.assign(stored, { type: 'add_to_cart', items: [{ ...item, qty: 1 }], value: item.price });
        stored.currency = 'EUR';
        break;
      case KIND.beginCheckout:
        Object.assign(stored, { type: 'begin_checkout', items: [item], value: item.price, currency: 'EUR' });
        break;
      case KIND.purchase: {
        Object.assign(stored, {
          type: 'purchase',
          order: String(100_001 + orders++),
          items: [item],
          value: item.price,
          currency: 'EUR',
        });
        break;
      }
      default:
        Object.assign(stored, { type: 'event', name: 'newsletter', props: { placement: 'footer' } });
    }
    return stored;
  };

  function* batches(): Generator<StoredBatch> {
    const pending: number[][] = Array.from({ length: CLIENTS }, () => []);
    const clients = Array.from({ length: CLIENTS }, (_, c) =>
      clientFor({ site, events: 1, identified: true, visitors: CLIENTS, tag: '' }, c),
    );
    const entry = (c: number): StoredBatch => {
      const batch = { site, events: pending[c].map(event), client: clients[c] };
      pending[c] = [];
      return batch;
    };
    for (const g of order) {
      const c = visitorOf[g] % CLIENTS;
      pending[c].push(g);
      if (pending[c].length === batchEvents) yield entry(c);
    }
    for (let c = 0; c < CLIENTS; c++) if (pending[c].length > 0) yield entry(c);
  }

  return { events: total, visitors, sessions: sessionCount, pageviews, purchases, batches };
}
