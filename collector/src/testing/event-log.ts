/**
 * A seeded random event log for the oracle and crash tests: many sites, visitors (with client ids, and
 * cookieless ones told apart only by IP and User-Agent), shopping journeys, late deliveries, retried
 * batches, purchases sent twice, clients whose clocks are hours off, and a few invalid events.
 */
import { clientOf, trafficOf } from '../protocol/enrich.js';
import { eventTime, MAX_EVENT_AGE_MS } from '../protocol/event-time.js';
import { pathOf } from '../protocol/path.js';
import type { StoredEvent } from '../protocol/stored-event.js';
import type { Delivered } from './oracle.js';

export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const PRODUCTS = Array.from({ length: 24 }, (_, i) => ({
  id: `sku-${i}`,
  name: `Product ${i}`,
  price: 5 + ((i * 7) % 40) + 0.99,
}));
export const PRODUCT_NAMES = Object.fromEntries(PRODUCTS.map((p) => [p.id, p.name]));
const PATHS = Array.from({ length: 40 }, (_, i) =>
  i === 0 ? '/' : `/${['p', 'c', 'blog'][i % 3]}/item-${i}`,
);
const CURRENCIES = ['EUR', 'USD', 'GBP'];
/** Networks in several countries (the last octet is the visitor's). */
const NETWORKS = [
  '81.2.69.',
  '89.160.20.',
  '216.160.83.',
  '175.16.199.',
  '2.125.160.',
  '202.196.224.',
  '67.43.156.',
];
const USER_AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (iPad; CPU OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
];
/** How sessions land: a referrer and/or campaign tags on the first page view. */
const LANDINGS: { ref?: string; query?: string }[] = [
  {},
  { ref: 'https://www.google.com/' },
  { ref: 'https://www.bing.com/' },
  { ref: 'https://www.instagram.com/' },
  { ref: 'https://l.facebook.com/' },
  { ref: 'https://www.youtube.com/' },
  { ref: 'https://blog.example.org/gift-ideas' },
  { query: '?utm_source=newsletter&utm_medium=email&utm_campaign=black-friday' },
  { query: '?gclid=Cj0KCQiA' },
  { query: '?utm_source=facebook&utm_medium=cpc&utm_campaign=retargeting' },
  { query: '?utm_source=partner&utm_medium=affiliate&utm_campaign=spring' },
];

const MINUTE = 60_000;
/** The oldest event time the consumer keeps, before the time it applies (see `LogOptions.applyLagMs`). */
const HORIZON = 60 * MINUTE;

export interface WireEvent extends Record<string, unknown> {
  type: string;
  id: string;
  ts: number;
}

export interface LogBatch {
  /** Server time at which the batch is sent (the collector's simulated clock). */
  at: number;
  body: { site: string; sent: number; events: WireEvent[] };
  ip: string;
  userAgent: string;
  /** What the oracle should see of it, if every event is accepted. */
  delivered: Delivered[];
}

interface Visitor {
  site: string;
  cookieless: boolean;
  vid: string;
  sid: string;
  lastActive: number;
  /** The next page view lands a new session (with a referrer or campaign tags). */
  landing: boolean;
  ip: string;
  userAgent: string;
  skew: number;
  cart: typeof PRODUCTS;
}

export interface LogOptions {
  seed: number;
  start: number;
  durationMs: number;
  events: number;
  sites: string[];
  visitorsPerSite: number;
  /** Share of visitors without client ids. @default 0.3 */
  cookieless?: number;
  /**
   * The consumer applies events up to this long after they are sent; no late event comes this close to
   * the oldest time it keeps (60 min), so whether it is kept does not depend on when it is applied.
   * @default 5 min
   */
  applyLagMs?: number;
  /** The latest a late event comes (the collector takes events up to 24 hours old). @default 70 min */
  lateMaxMs?: number;
  /**
   * Sites' time zones (registered with the collector): a cookieless visitor's id changes at the site's
   * midnight. @default UTC for every site
   */
  timezones?: Record<string, string>;
}

export function generateLog(options: LogOptions): LogBatch[] {
  const random = seededRandom(options.seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const visitors: Visitor[] = [];
  for (const site of options.sites) {
    for (let i = 0; i < options.visitorsPerSite; i++) {
      visitors.push({
        site,
        cookieless: random() < (options.cookieless ?? 0.3),
        vid: `v-${site}-${i}`,
        sid: `s-${site}-${i}-0`,
        lastActive: -Infinity,
        landing: true,
        ip: `${NETWORKS[i % NETWORKS.length]}${Math.floor(i / NETWORKS.length) % 250}`,
        userAgent: USER_AGENTS[(i * 7 + options.sites.indexOf(site)) % USER_AGENTS.length],
        skew: Math.round((random() - 0.5) * 4 * 60 * MINUTE),
        cart: [],
      });
    }
  }
  let counter = 0;
  let orderCounter = 0;
  const nextId = () => `e-${options.seed}-${counter++}`;
  const batches: LogBatch[] = [];
  const meanStep = options.durationMs / (options.events / 4);
  let now = options.start;
  let produced = 0;

  while (produced < options.events) {
    now += Math.max(1, Math.round(-Math.log(1 - random()) * meanStep));
    if (batches.length > 10 && random() < 0.05) {
      // a retry of an earlier batch whose response was lost: same events and ids, a new `sent`
      const earlier = batches[batches.length - 1 - Math.floor(random() * Math.min(200, batches.length - 1))];
      const skew = earlier.body.sent - earlier.at;
      batches.push({
        ...earlier,
        at: now,
        body: { ...earlier.body, sent: now + skew },
        // events more than a day old by now are refused (protocol/event-time.ts)
        delivered: earlier.delivered
          .filter((d) => now - d.event.t <= MAX_EVENT_AGE_MS)
          .map((d) => ({ ...d, at: now })),
      });
      produced += earlier.body.events.length;
      continue;
    }
    const visitor = pick(visitors);
    const late = !visitor.cookieless && random() < 0.05;
    let age = late ? Math.round(MINUTE + random() * ((options.lateMaxMs ?? 70 * MINUTE) - MINUTE)) : 0;
    const lag = options.applyLagMs ?? 5 * MINUTE;
    if (age > HORIZON - lag - 5 * MINUTE && age < HORIZON + lag) age = HORIZON + lag + MINUTE;
    const eventTimeAt = now - age;
    if (eventTimeAt - visitor.lastActive > 30 * MINUTE) {
      visitor.sid = `s-${visitor.vid}-${counter}`;
      visitor.landing = true;
    }
    visitor.lastActive = Math.max(visitor.lastActive, eventTimeAt);
    const clientNow = now + visitor.skew;
    const events: WireEvent[] = [];
    const delivered: Delivered[] = [];
    const currency = CURRENCIES[options.sites.indexOf(visitor.site) % CURRENCIES.length];
    const steps = 1 + Math.floor(random() * 6);
    for (let s = 0; s < steps; s++) {
      const ts = clientNow - age - (steps - s) * 200;
      const base: WireEvent = { type: 'pageview', id: nextId(), ts };
      if (!visitor.cookieless) Object.assign(base, { vid: visitor.vid, sid: visitor.sid });
      const roll = random();
      const product = pick(PRODUCTS);
      const item = { id: product.id, name: product.name, price: product.price };
      let event: WireEvent;
      if (roll < 0.45) {
        const page = `https://${visitor.site}.example${pick(PATHS)}`;
        // a new session lands from somewhere; now and then a page view brings new campaign tags
        const landing = visitor.landing || random() < 0.03 ? pick(LANDINGS) : undefined;
        visitor.landing = false;
        event = { ...base, url: `${page}${landing?.query ?? ''}`, title: 'Page' };
        if (landing?.ref) event.ref = landing.ref;
        else if (!landing && random() < 0.5) event.ref = `https://${visitor.site}.example/`;
      } else if (roll < 0.65) {
        event = { ...base, type: 'view_item', items: [item], value: product.price, currency };
      } else if (roll < 0.8) {
        const qty = 1 + Math.floor(random() * 3);
        visitor.cart.push(product);
        event = { ...base, type: 'add_to_cart', items: [{ ...item, qty }], currency };
      } else if (roll < 0.86) {
        event = { ...base, type: 'remove_from_cart', items: [item] };
      } else if (roll < 0.92) {
        event = {
          ...base,
          type: 'begin_checkout',
          items: visitor.cart.map((p) => ({ id: p.id, price: p.price })),
        };
      } else if (roll < 0.97) {
        const items = (visitor.cart.length ? visitor.cart : [product]).map((p) => ({
          id: p.id,
          price: p.price,
          qty: 1,
        }));
        const value = Math.round(items.reduce((sum, i) => sum + i.price, 0) * 100) / 100;
        event = {
          ...base,
          type: 'purchase',
          order: `o-${options.seed}-${orderCounter++}`,
          value,
          currency,
          items,
        };
        visitor.cart = [];
      } else if (roll < 0.985) {
        event = { ...base, type: 'event', name: 'newsletter', props: { placement: 'footer', step: s } };
      } else {
        event = { ...base, type: 'teleport' }; // invalid: rejected into the dead-letter stream
      }
      events.push(event);
      if (event.type === 'purchase' && random() < 0.3) events.push({ ...event, id: nextId() }); // sent twice
    }
    const client = clientOf(visitor.ip, visitor.userAgent);
    for (const event of events) {
      if (event.type === 'teleport') continue;
      delivered.push({
        site: visitor.site,
        event: expectedEvent(event, visitor, now, clientNow, options.timezones?.[visitor.site] ?? 'UTC'),
        client,
        at: now,
      });
    }
    batches.push({
      at: now,
      body: { site: visitor.site, sent: clientNow, events },
      ip: visitor.ip,
      userAgent: visitor.userAgent,
      delivered,
    });
    produced += events.length;
  }
  return batches;
}

/**
 * The event as the collector stores it; cookieless visitors are named by what tells them apart, and the
 * site's date (their ids change at its midnight).
 */
function expectedEvent(
  event: WireEvent,
  visitor: Visitor,
  accept: number,
  sent: number,
  timeZone: string,
): StoredEvent {
  const { ts, url, title: _title, ...rest } = event;
  const date = new Intl.DateTimeFormat('sv-SE', { timeZone }).format(accept);
  const stored = {
    ...rest,
    t: eventTime(accept, ts, sent),
    vid: visitor.cookieless ? `anon:${date}:${visitor.ip}|${visitor.userAgent}` : visitor.vid,
  } as unknown as StoredEvent;
  const path = pathOf(url as string | undefined);
  if (path) stored.path = path;
  if (event.type === 'pageview')
    stored.traffic = trafficOf(url as string | undefined, event.ref as string | undefined);
  return stored;
}
