/**
 * The shopper model: a population of visitors whose sessions walk the demo shop (home, categories,
 * products, cart, checkout, order) with realistic drop-off at every step. Pure: the random source and
 * the time are passed in, so a seeded run is replayable and the funnel can be tested exactly.
 */
import type { CartpulseEvent, CartpulseItem } from '../../collector/src/protocol/schema.js';
import { CATEGORIES, CURRENCY, cents, PRODUCTS, type Product, paths } from '../shop/catalog.js';
import { pick, type Random, weighted } from './random.js';

/** An event as the generator sends it: every field the SDK would set for a signed-in-free visitor. */
export type ShopperEvent = CartpulseEvent & { id: string; ts: number; vid: string; sid: string };

type Page =
  | { kind: 'home' | 'cart' | 'checkout' | 'order' }
  | { kind: 'category'; slug: string }
  | { kind: 'product'; product: Product };

interface CartLine {
  product: Product;
  qty: number;
}

/** One visit: where the shopper is and what is in the cart. */
export interface Session {
  sid: string;
  page: Page | null;
  cart: CartLine[];
  steps: number;
  ended: boolean;
}

/**
 * What a shopper does next, by the page they are on (weights, not probabilities: each row is
 * normalised). Tuned so that about 2 in 3 sessions view a product, 1 in 4 adds to cart, 1 in 13
 * begins checkout and 1 in 25 buys, the shape of a typical small shop's funnel.
 */
export const FUNNEL = {
  landing: { home: 5, category: 3, product: 2 },
  home: { product: 6, category: 2, leave: 4 },
  category: { product: 7, category: 1, leave: 4 },
  product: { product: 3.5, category: 1.2, add: 2.4, cart: 0.5, leave: 3.2 },
  cart: { checkout: 4.5, remove: 1, product: 1.5, leave: 3 },
  checkout: { purchase: 5.5, cart: 1, leave: 3.5 },
} as const;

/** A session that has taken this many steps leaves, however engaged. */
export const MAX_STEPS = 40;

const REFERRERS = [
  '',
  '',
  '',
  'https://www.google.com/',
  'https://duckduckgo.com/',
  'https://www.instagram.com/',
];

export function newSession(sid: string): Session {
  return { sid, page: null, cart: [], steps: 0, ended: false };
}

function item(product: Product, qty?: number): CartpulseItem {
  const line: CartpulseItem = {
    id: product.id,
    name: product.name,
    price: product.price,
    category: product.category,
  };
  if (qty !== undefined) line.qty = qty;
  return line;
}

function cartValue(cart: CartLine[]): number {
  return cents(cart.reduce((sum, line) => sum + line.product.price * line.qty, 0));
}

type Step = Omit<CartpulseEvent, 'id' | 'ts' | 'vid' | 'sid'>;

function pageview(origin: string, session: Session, page: Page): Step {
  session.page = page;
  const path =
    page.kind === 'category'
      ? paths.category(page.slug)
      : page.kind === 'product'
        ? paths.product(page.product.id)
        : paths[page.kind];
  const title =
    page.kind === 'category'
      ? (CATEGORIES.find((category) => category.slug === page.slug)?.name ?? page.slug)
      : page.kind === 'product'
        ? page.product.name
        : page.kind[0]?.toUpperCase() + page.kind.slice(1);
  return { type: 'pageview', url: origin + path, title };
}

/**
 * Advances a session by one step and returns the events that step produces (none when the shopper
 * leaves: `session.ended` is then true). `orderId` names the order if this step is a purchase.
 */
export function advance(session: Session, random: Random, origin: string, orderId: () => string): Step[] {
  if (session.ended) return [];
  session.steps += 1;
  const page = session.page;
  if (!page) {
    const landing = weighted(random, FUNNEL.landing);
    const step = visit(session, random, origin, landing);
    const ref = pick(random, REFERRERS);
    if (ref && step[0]) step[0].ref = ref;
    return step;
  }
  if (session.steps > MAX_STEPS) return leave(session);
  switch (page.kind) {
    case 'home':
    case 'category':
    case 'order':
      return page.kind === 'order'
        ? leave(session)
        : visit(session, random, origin, weighted(random, FUNNEL[page.kind]));
    case 'product': {
      const weights = { ...FUNNEL.product, cart: session.cart.length ? FUNNEL.product.cart : 0 };
      const choice = weighted(random, weights);
      if (choice !== 'add') return visit(session, random, origin, choice);
      const qty = random() < 0.85 ? 1 : 2;
      const line = session.cart.find((entry) => entry.product.id === page.product.id);
      if (line) line.qty += qty;
      else session.cart.push({ product: page.product, qty });
      // After adding, shoppers either go to the cart or keep browsing from the same product page.
      const added: Step = {
        type: 'add_to_cart',
        items: [item(page.product, qty)],
        value: cents(page.product.price * qty),
        currency: CURRENCY,
      };
      return random() < 0.5 ? [added, ...visit(session, random, origin, 'cart')] : [added];
    }
    case 'cart': {
      if (!session.cart.length) return visit(session, random, origin, random() < 0.5 ? 'product' : 'leave');
      const choice = weighted(random, FUNNEL.cart);
      if (choice !== 'remove') return visit(session, random, origin, choice);
      const index = Math.floor(random() * session.cart.length);
      const [line] = session.cart.splice(index, 1);
      if (!line) return [];
      return [
        {
          type: 'remove_from_cart',
          items: [item(line.product, line.qty)],
          value: cents(line.product.price * line.qty),
          currency: CURRENCY,
        },
      ];
    }
    case 'checkout': {
      const choice = weighted(random, FUNNEL.checkout);
      if (choice !== 'purchase') return visit(session, random, origin, choice);
      const items = session.cart.map((line) => item(line.product, line.qty));
      const value = cartValue(session.cart);
      session.cart = [];
      return [
        { type: 'purchase', items, value, currency: CURRENCY, order: orderId() },
        pageview(origin, session, { kind: 'order' }),
      ];
    }
  }
}

function leave(session: Session): Step[] {
  session.ended = true;
  return [];
}

type Destination = 'home' | 'category' | 'product' | 'cart' | 'checkout' | 'leave';

function visit(session: Session, random: Random, origin: string, where: Destination): Step[] {
  switch (where) {
    case 'leave':
      return leave(session);
    case 'home':
    case 'cart':
      return [pageview(origin, session, { kind: where })];
    case 'category':
      return [pageview(origin, session, { kind: 'category', slug: pick(random, CATEGORIES).slug })];
    case 'product': {
      const product = pick(random, PRODUCTS);
      return [
        pageview(origin, session, { kind: 'product', product }),
        { type: 'view_item', items: [item(product)], value: product.price, currency: CURRENCY },
      ];
    }
    case 'checkout':
      return [
        pageview(origin, session, { kind: 'checkout' }),
        {
          type: 'begin_checkout',
          items: session.cart.map((line) => item(line.product, line.qty)),
          value: cartValue(session.cart),
          currency: CURRENCY,
        },
      ];
  }
}

export interface ShopperOptions {
  /** Size of the visitor population; at most this many sessions are under way at once. */
  visitors: number;
  /** Random source (seed it to replay a run). */
  random: Random;
  /** Origin of the page URLs, e.g. `http://localhost:8788`. */
  origin: string;
  /** Prefix of every visitor, session, order and event id; unique per run so that runs do not mix. */
  runId: string;
}

/** What the simulated shoppers did, to compare with what the dashboard shows. */
export interface JourneyTotals {
  /** Distinct visitors that sent at least one event. */
  visitors: number;
  sessions: number;
  pageviews: number;
  viewItems: number;
  addToCarts: number;
  checkouts: number;
  orders: number;
  /** Purchase value in the shop's currency. */
  revenue: number;
}

/**
 * The visitor population. `next(count, now)` returns at least `count` events (a step that emits two
 * events is never split), each from a random visitor's current session: visitors advance at random
 * moments, which gives think times between steps without timers.
 */
export class Shoppers {
  readonly totals: JourneyTotals = {
    visitors: 0,
    sessions: 0,
    pageviews: 0,
    viewItems: 0,
    addToCarts: 0,
    checkouts: 0,
    orders: 0,
    revenue: 0,
  };
  private readonly slots: { vid: string; visits: number; session: Session; url?: string }[] = [];
  private events = 0;
  private orders = 0;

  constructor(private readonly options: ShopperOptions) {
    if (!Number.isInteger(options.visitors) || options.visitors < 1) throw new Error('visitors must be ≥ 1');
  }

  next(count: number, now: number): ShopperEvent[] {
    const out: ShopperEvent[] = [];
    const { random, origin, runId, visitors } = this.options;
    while (out.length < count) {
      const index = Math.floor(random() * visitors);
      const slot = this.slot(index);
      if (slot.session.steps === 0) this.totals.sessions += 1;
      const steps = advance(slot.session, random, origin, () => `${runId}-o${(++this.orders).toString(36)}`);
      for (const step of steps) {
        // Like the SDK, every event carries the URL of the page it happened on.
        if (step.type === 'pageview') slot.url = step.url;
        else step.url ??= slot.url;
        this.count(step);
        this.events += 1;
        out.push({
          ...step,
          id: `${runId}-${this.events.toString(36)}`,
          ts: now,
          vid: slot.vid,
          sid: slot.session.sid,
        });
      }
      if (slot.session.ended) {
        slot.visits += 1;
        slot.session = this.startSession(slot.vid, slot.visits);
      }
    }
    return out;
  }

  private slot(index: number) {
    let slot = this.slots[index];
    if (!slot) {
      const vid = `${this.options.runId}v${index.toString(36)}`;
      slot = { vid, visits: 0, session: this.startSession(vid, 0) };
      this.slots[index] = slot;
      this.totals.visitors += 1;
    }
    return slot;
  }

  private startSession(vid: string, visit: number): Session {
    return newSession(`${vid}s${visit.toString(36)}`);
  }

  private count(step: Step) {
    const totals = this.totals;
    if (step.type === 'pageview') totals.pageviews += 1;
    else if (step.type === 'view_item') totals.viewItems += 1;
    else if (step.type === 'add_to_cart') totals.addToCarts += 1;
    else if (step.type === 'begin_checkout') totals.checkouts += 1;
    else if (step.type === 'purchase') {
      totals.orders += 1;
      totals.revenue = cents(totals.revenue + (step.value ?? 0));
    }
  }
}
