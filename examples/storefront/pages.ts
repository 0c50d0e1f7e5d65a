/**
 * The demo storefront's pages, rendered on the server like a classic multi-page shop. Each page loads
 * Cartpulse with one script tag from the collector's origin, then `/assets/shop.js`, which keeps the cart
 * in localStorage and reports shopping actions through `window.cartpulse`.
 */
import {
  CATEGORIES,
  CURRENCY,
  findCategory,
  findProduct,
  PRODUCTS,
  type Product,
  paths,
  productsIn,
  relatedProducts,
  SHOP_NAME,
} from '../shop/catalog.js';
import { escapeHtml as e } from '../shop/html.js';

/** How a page loads the Cartpulse script. */
export interface TrackerTag {
  /** The script's URL, e.g. `http://localhost:8787/cp.js`. */
  src: string;
  /** The `data-site` attribute. */
  site: string;
  /** More attributes for the tag (name → value; `''` for a bare attribute). */
  attributes: Record<string, string>;
}

/** The attribute that makes the SDK read a GA4-style `window.dataLayer` (used on the order page). */
export const DATALAYER_ATTRIBUTE = 'data-datalayer';

export interface Page {
  status: number;
  html: string;
}

const money = (amount: number) =>
  new Intl.NumberFormat('en-IE', { style: 'currency', currency: CURRENCY }).format(amount);

function scriptTag(tracker: TrackerTag, extra: Record<string, string> = {}): string {
  const attributes = { 'data-site': tracker.site, ...tracker.attributes, ...extra };
  const rendered = Object.entries(attributes)
    .map(([name, value]) => (value === '' ? ` ${e(name)}` : ` ${e(name)}="${e(value)}"`))
    .join('');
  return `<script defer src="${e(tracker.src)}"${rendered}></script>`;
}

interface Shell {
  title: string;
  /** Tells shop.js which page this is. */
  page: string;
  body: string;
  /** Current category, highlighted in the navigation. */
  category?: string;
  /** JSON for shop.js, in `data-product`. */
  product?: Product;
  /** Extra attributes on the Cartpulse script tag. */
  trackerAttributes?: Record<string, string>;
  status?: number;
}

function shell(tracker: TrackerTag, shell: Shell): Page {
  const nav = CATEGORIES.map(
    (category) =>
      `<a href="${paths.category(category.slug)}"${shell.category === category.slug ? ' aria-current="page"' : ''}>${e(category.name)}</a>`,
  ).join('');
  const product = shell.product
    ? ` data-product="${e(JSON.stringify({ id: shell.product.id, name: shell.product.name, price: shell.product.price, category: shell.product.category }))}"`
    : '';
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(shell.title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/shop.css">
${scriptTag(tracker, shell.trackerAttributes)}
<script defer src="/assets/shop.js"></script>
</head>
<body data-page="${e(shell.page)}" data-currency="${CURRENCY}"${product}>
<header class="site-header"><div class="wrap">
<a class="logo" href="/">${e(SHOP_NAME)}</a>
<nav class="site-nav">${nav}</nav>
<a class="cart-link" href="${paths.cart}" data-testid="cart-link">Cart <span class="cart-count" data-cart-count>0</span></a>
</div></header>
<main class="wrap">
${shell.body}
</main>
<footer class="site-footer"><div class="wrap">
<span>${e(SHOP_NAME)} is a demo shop: nothing is for sale and no order is shipped.</span>
<span>Measured live by <a href="${e(new URL('/', tracker.src).href)}">Cartpulse</a>.</span>
</div></footer>
<div class="toast" role="status" aria-live="polite" data-toast></div>
</body>
</html>
`;
  return { status: shell.status ?? 200, html };
}

function card(product: Product): string {
  return `<a class="product-card" href="${paths.product(product.id)}" data-testid="product-${e(product.id)}">
<img src="/art/${e(product.id)}.svg" alt="" width="400" height="400" loading="lazy">
<div class="info"><span class="name">${e(product.name)}</span><span class="price">${money(product.price)}</span></div>
</a>`;
}

export function homePage(tracker: TrackerTag): Page {
  const [first, second] = [findProduct('lamp-1'), findProduct('mug-1')] as Product[];
  return shell(tracker, {
    title: `${SHOP_NAME}: everyday things, made to last`,
    page: 'home',
    body: `<section class="hero">
<div>
<h1>Everyday things, made to last.</h1>
<p>Mugs, lamps, linen and oak from small workshops, chosen to be used every day for years.</p>
<a class="button" href="${paths.category('kitchen')}">Shop the kitchen</a>
</div>
<div class="hero-art" aria-hidden="true"><img src="/art/${first.id}.svg" alt=""><img src="/art/${second.id}.svg" alt=""></div>
</section>
<section class="categories">
${CATEGORIES.map((category) => `<a class="category-card" href="${paths.category(category.slug)}"><strong>${e(category.name)}</strong><span>${e(category.tagline)}</span></a>`).join('\n')}
</section>
<h2 class="section">Popular this week</h2>
<section class="grid">${PRODUCTS.map(card).join('\n')}</section>`,
  });
}

export function categoryPage(tracker: TrackerTag, slug: string): Page {
  const category = findCategory(slug);
  if (!category) return notFoundPage(tracker);
  return shell(tracker, {
    title: `${category.name} · ${SHOP_NAME}`,
    page: 'category',
    category: slug,
    body: `<div class="page-head"><div class="crumbs"><a href="/">Home</a> / ${e(category.name)}</div>
<h1>${e(category.name)}</h1><p>${e(category.tagline)}</p></div>
<section class="grid">${productsIn(slug).map(card).join('\n')}</section>`,
  });
}

export function productPage(tracker: TrackerTag, id: string): Page {
  const product = findProduct(id);
  if (!product) return notFoundPage(tracker);
  const category = findCategory(product.category);
  return shell(tracker, {
    title: `${product.name} · ${SHOP_NAME}`,
    page: 'product',
    category: product.category,
    product,
    body: `<section class="product">
<img src="/art/${e(product.id)}.svg" alt="${e(product.name)}" width="600" height="600">
<div>
<div class="crumbs"><a href="/">Home</a> / <a href="${paths.category(product.category)}">${e(category?.name ?? product.category)}</a></div>
<h1>${e(product.name)}</h1>
<div class="price">${money(product.price)}</div>
<p class="blurb">${e(product.blurb)}</p>
<button class="button" type="button" data-add-to-cart data-testid="add-to-cart">Add to cart</button>
<ul class="perks"><li>Free delivery over ${money(50)}</li><li>30 days to change your mind</li><li>Made in small batches</li></ul>
</div>
</section>
<h2 class="section">You may also like</h2>
<section class="grid">${relatedProducts(product).map(card).join('\n')}</section>`,
  });
}

export function cartPage(tracker: TrackerTag): Page {
  return shell(tracker, {
    title: `Your cart · ${SHOP_NAME}`,
    page: 'cart',
    body: `<div class="page-head"><h1>Your cart</h1></div>
<section class="cart-layout"><div class="panel" data-cart-lines></div><div class="panel">
<div class="totals"><span>Total</span><span class="price" data-cart-total>${money(0)}</span></div>
<div class="cart-actions"><a class="button secondary" href="/">Keep shopping</a><a class="button" href="${paths.checkout}" data-checkout data-testid="checkout">Checkout</a></div>
</div></section>`,
  });
}

export function checkoutPage(tracker: TrackerTag): Page {
  return shell(tracker, {
    title: `Checkout · ${SHOP_NAME}`,
    page: 'checkout',
    body: `<div class="page-head"><h1>Checkout</h1><p>Two quick details and the (imaginary) parcel is on its way.</p></div>
<section class="cart-layout">
<div class="panel"><form class="checkout" data-checkout-form>
<div class="row"><label class="field">Name<input name="name" autocomplete="name" value="Ada Lovelace" required></label>
<label class="field">Email<input name="email" type="email" autocomplete="email" value="ada@example.com" required></label></div>
<label class="field">Address<input name="address" autocomplete="street-address" value="12 Analytical Row, London" required></label>
<p class="note">This is a demo: no payment is taken and nothing is sent to this address.</p>
<div class="totals"><span>To pay</span><span class="price" data-cart-total>${money(0)}</span></div>
<button class="button" type="submit" data-testid="place-order">Place order</button>
</form></div>
<div class="panel" data-cart-lines data-readonly></div>
</section>`,
  });
}

/** The order confirmation reports the purchase through a GA4-style dataLayer, not a direct call. */
export function orderPage(tracker: TrackerTag): Page {
  return shell(tracker, {
    title: `Thank you · ${SHOP_NAME}`,
    page: 'order',
    trackerAttributes: { [DATALAYER_ATTRIBUTE]: '' },
    body: `<section class="confirmation" data-order>
<div class="tick" aria-hidden="true">✓</div>
<h1>Thank you for your order</h1>
<p class="note">No order yet: <a href="/">start shopping</a>.</p>
</section>`,
  });
}

export function notFoundPage(tracker: TrackerTag): Page {
  return shell(tracker, {
    title: `Not found · ${SHOP_NAME}`,
    page: 'not-found',
    status: 404,
    body: `<div class="empty"><h1>Nothing here</h1><p>That page is not in the shop.</p><a class="button" href="/">Back to the shop</a></div>`,
  });
}

/** The page for `pathname`, or the 404 page. */
export function renderPage(tracker: TrackerTag, pathname: string): Page {
  if (pathname === paths.home) return homePage(tracker);
  if (pathname === paths.cart) return cartPage(tracker);
  if (pathname === paths.checkout) return checkoutPage(tracker);
  if (pathname === paths.order) return orderPage(tracker);
  const match = /^\/(c|p)\/([a-z0-9-]+)$/.exec(pathname);
  if (match?.[1] === 'c') return categoryPage(tracker, match[2] as string);
  if (match?.[1] === 'p') return productPage(tracker, match[2] as string);
  return notFoundPage(tracker);
}
