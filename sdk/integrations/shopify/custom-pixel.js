/*
 * Cartpulse for Shopify: a custom pixel.
 *
 * Paste this whole file into Shopify admin → Settings → Customer events → Add custom pixel, set the two
 * values below, then Save and Connect. Setup, privacy settings and the order webhooks:
 * sdk/integrations/shopify/README.md.
 *
 * Shopify's standard events become Cartpulse events: page_viewed → pageview, product_viewed → view_item,
 * product_added_to_cart → add_to_cart, product_removed_from_cart → remove_from_cart, checkout_started →
 * begin_checkout, checkout_completed → purchase (its order id as the order webhooks report it). They go
 * to <collector>/ingest in batches, as text/plain with keepalive, like the Cartpulse SDK sends them.
 * Plain ES2017, no imports.
 */

// 1. Your collector's URL, such as 'https://collector.example' (events go to its /ingest).
const CARTPULSE_COLLECTOR = 'https://collector.example';
// 2. Your site id, as registered with `npx cartpulse sites add <id>`.
const CARTPULSE_SITE = 'my-shop';

(() => {
  const ENDPOINT = CARTPULSE_COLLECTOR.replace(/\/+$/, '') + '/ingest';
  /** A batch is sent when this many events wait, ... */
  const BATCH_SIZE = 10;
  /** ... at the latest this many ms after its first event, and at once for a purchase. */
  const FLUSH_MS = 1000;
  /** Undelivered events kept for a retry at most (the oldest go first). */
  const QUEUE_EVENTS = 200;
  /** 30 minutes without events end a session. */
  const SESSION_MS = 18e5;
  /** The SDK's key and format, in the shop's localStorage: "<visitor>.<session>.<time of the last event>". */
  const KEY = 'cp.id';

  /** This pixel's id (the SDK's format): a new visitor or session takes it, event ids without Shopify's start with it. */
  const page = Math.random().toString(36).slice(2);
  let sequence = 0;

  const warn = (what) => console.warn('cartpulse:', what);
  /** `at(event, 'data.checkout.order.id')`: undefined where a step is missing (ES2017 has no `?.`). */
  const at = (value, path) =>
    path.split('.').reduce((step, key) => (step == null ? undefined : step[key]), value);
  const text = (value, max) => (value ? String(value).slice(0, max) : undefined);
  /** A finite amount ≥ 0 from a number or a numeric string, else undefined. */
  const amount = (value) => {
    const number = parseFloat(value);
    return number >= 0 && number < Infinity ? number : undefined;
  };
  const currency = (code) => (/^[A-Z]{3}$/.test(code) ? code : undefined);
  /**
   * An id as the shop's backend reports it: Shopify's global ids (`gid://shopify/Order/5678901234`) lose
   * their prefix, plain ids (`5678901234`) stay. For orders this is the collector's `shopifyOrderId`, so
   * the pixel's purchase and the order webhook name the same order.
   */
  const shopifyId = (id) => text(id != null && String(id).replace(/^gid:\/\/shopify\/\w+\//, ''), 128);
  /**
   * The page an event happened on. A checkout's URL holds its token (`/checkouts/cn/<token>/information`):
   * it is sent as `/checkouts/cn/:token/information`, without query, so that each checkout is not a page
   * of its own and no token is stored.
   */
  const url = (href) =>
    text(href && String(href).replace(/(\/checkouts\/(?:\w{1,2}\/)?)[^/?#]+([^?#]*).*/, '$1:token$2'), 2048);

  /** One product line: id = the product's id, priced per unit in the event's currency. */
  const item = (variant, quantity, title) => ({
    id: shopifyId(at(variant, 'product.id')),
    name: text(at(variant, 'product.title') || title, 512),
    price: amount(at(variant, 'price.amount')),
    qty: quantity >= 1 ? Math.min(Math.floor(quantity), 1e5) : undefined,
    category: text(at(variant, 'product.type'), 128),
  });

  /** A funnel step: its products (those with an id) and what they are worth. */
  function commerce(type, items, money, code) {
    const kept = items.filter((line) => line.id).slice(0, 50);
    code = currency(code || at(money, 'currencyCode'));
    // view_item, add_to_cart and remove_from_cart need a product; a step without one is not sent.
    if (kept.length || type == 'begin_checkout' || type == 'purchase')
      return { type, items: kept, value: code && amount(at(money, 'amount')), currency: code };
  }

  const cartLine = (type, line) =>
    line && commerce(type, [item(line.merchandise, line.quantity)], at(line, 'cost.totalAmount'));

  const checkout = (type, data) =>
    data &&
    commerce(
      type,
      (data.lineItems || []).map((line) => item(line.variant, line.quantity, line.title)),
      data.totalPrice,
      data.currencyCode,
    );

  /** Shopify's standard events and the Cartpulse event each becomes (none: not sent). */
  const EVENTS = {
    page_viewed: (event) => ({
      type: 'pageview',
      ref: text(at(event, 'context.document.referrer'), 2048),
      title: text(at(event, 'context.document.title'), 512),
    }),
    product_viewed: (event) => {
      const variant = at(event, 'data.productVariant');
      return variant && commerce('view_item', [item(variant)], variant.price);
    },
    product_added_to_cart: (event) => cartLine('add_to_cart', at(event, 'data.cartLine')),
    product_removed_from_cart: (event) => cartLine('remove_from_cart', at(event, 'data.cartLine')),
    checkout_started: (event) => checkout('begin_checkout', at(event, 'data.checkout')),
    checkout_completed: (event) => {
      const purchase = checkout('purchase', at(event, 'data.checkout'));
      const order = shopifyId(at(event, 'data.checkout.order.id'));
      // Without an order id the collector refuses a purchase; the orders/create webhook still counts it.
      if (purchase && order) return Object.assign(purchase, { order });
      warn('checkout_completed without an order id');
    },
  };

  // Identity. Visitor and session ids live in the shop's localStorage (Shopify's `browser.localStorage`,
  // asynchronous), or in memory where that fails. Without the visitor's consent to analytics (Shopify's
  // customer privacy), nothing is stored and no ids are sent: the collector counts cookieless visitors.
  let allowed = typeof init != 'object' || at(init, 'customerPrivacy.analyticsProcessingAllowed') !== false;
  if (typeof customerPrivacy == 'object')
    customerPrivacy.subscribe('visitorConsentCollected', (event) => {
      allowed = at(event, 'customerPrivacy.analyticsProcessingAllowed') !== false;
    });
  let ids;
  let loaded;
  const storage = () => browser.localStorage;

  /** The visitor and session of an event at `ts`; the session ends after 30 minutes without events. */
  async function identify(ts) {
    if (!allowed) return {};
    await (loaded =
      loaded ||
      Promise.resolve()
        .then(() => storage().getItem(KEY))
        .catch(() => '')
        .then((value) => (ids = String(value || '').split('.'))));
    const last = +ids[2] || 0;
    ids = [ids[0] || page, ts - last < SESSION_MS ? ids[1] : page, Math.max(ts, last)];
    Promise.resolve()
      .then(() => storage().setItem(KEY, ids.join('.')))
      .catch(() => {});
    return { vid: ids[0], sid: ids[1] };
  }

  // Delivery: one request at a time; network errors, 408, 429 and 5xx are retried with backoff (never
  // sooner than Retry-After), keeping the event ids, so a retry the collector had in fact taken counts once.
  let queue = [];
  let timer = 0;
  let inFlight = 0;
  let failures = 0;

  /** Sends what waits; `leaving`: everything at once (the page is going), even beside a request in flight. */
  function send(leaving) {
    clearTimeout(timer);
    timer = 0;
    while (queue.length && (leaving || !inFlight)) {
      const batch = queue.splice(0, BATCH_SIZE);
      inFlight++;
      // A string body goes as text/plain: a simple request, with no CORS preflight. keepalive lets it
      // outlive the page (the thank-you page, a click to the cart).
      fetch(ENDPOINT, {
        method: 'POST',
        body: JSON.stringify({ site: CARTPULSE_SITE, sent: Date.now(), events: batch }),
        keepalive: true,
        credentials: 'omit',
      })
        .then(
          (response) => [response.status, response.headers.get('retry-after')],
          () => [0],
        )
        .then(([status, retryAfter]) => {
          inFlight--;
          if (status && status < 500 && status != 408 && status != 429) {
            if (status > 299) warn(status);
            failures = 0;
            if (!timer) send();
          } else {
            queue = batch.concat(queue).slice(-QUEUE_EVENTS);
            timer =
              timer ||
              setTimeout(
                send,
                Math.max(Math.min(3e4, 500 * 2 ** failures++) * (1 + Math.random()), retryAfter * 1000 || 0),
              );
          }
        });
    }
  }

  async function record(event, shopify) {
    const ts = Date.parse(shopify.timestamp) || Date.now();
    // Shopify's event id is unique per event: a copy of the event delivered twice counts once.
    const id = typeof shopify.id == 'string' && shopify.id.length <= 64 && shopify.id;
    Object.assign(event, {
      id: id || page + '-' + ++sequence,
      ts,
      url: url(at(shopify, 'context.document.location.href')),
    });
    Object.assign(event, await identify(ts));
    queue.push(event);
    if (event.type == 'purchase' || queue.length >= BATCH_SIZE) send();
    else timer = timer || setTimeout(send, FLUSH_MS);
  }

  Object.keys(EVENTS).forEach((name) =>
    analytics.subscribe(name, (shopify) => {
      try {
        const event = EVENTS[name](shopify);
        if (event) record(event, shopify).catch(warn);
      } catch (error) {
        warn(error);
      }
    }),
  );
  // In Shopify's sandbox frame these follow the shop's page: what waits goes before it is left.
  if (typeof addEventListener == 'function') {
    addEventListener('pagehide', () => send(1));
    addEventListener('visibilitychange', () => document.visibilityState == 'hidden' && send(1));
  }
})();
