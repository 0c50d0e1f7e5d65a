/**
 * The SPA's routes: the same paths as the multi-page storefront, so both shops show up alike on the
 * dashboard. Pure: path in, route and title out.
 */
import {
  findCategory,
  findProduct,
  paths,
  type Category,
  type Product,
  SHOP_NAME,
} from '../../shop/catalog.js';

export type Route =
  | { name: 'home' }
  | { name: 'category'; category: Category }
  | { name: 'product'; product: Product }
  | { name: 'cart' }
  | { name: 'checkout' }
  | { name: 'order' }
  | { name: 'not-found' };

export function matchRoute(pathname: string): Route {
  if (pathname === paths.home) return { name: 'home' };
  if (pathname === paths.cart) return { name: 'cart' };
  if (pathname === paths.checkout) return { name: 'checkout' };
  if (pathname === paths.order) return { name: 'order' };
  const match = /^\/(c|p)\/([a-z0-9-]+)$/.exec(pathname);
  const category = match?.[1] === 'c' ? findCategory(match[2] as string) : undefined;
  if (category) return { name: 'category', category };
  const product = match?.[1] === 'p' ? findProduct(match[2] as string) : undefined;
  if (product) return { name: 'product', product };
  return { name: 'not-found' };
}

/** The document title of a route (set before the URL changes, so the pageview carries the new title). */
export function routeTitle(route: Route): string {
  switch (route.name) {
    case 'home':
      return `${SHOP_NAME}: everyday things, made to last`;
    case 'category':
      return `${route.category.name} · ${SHOP_NAME}`;
    case 'product':
      return `${route.product.name} · ${SHOP_NAME}`;
    case 'cart':
      return `Your cart · ${SHOP_NAME}`;
    case 'checkout':
      return `Checkout · ${SHOP_NAME}`;
    case 'order':
      return `Thank you · ${SHOP_NAME}`;
    case 'not-found':
      return `Not found · ${SHOP_NAME}`;
  }
}

/**
 * The in-app path a click on `anchor` should navigate to, or null when the browser should handle it
 * (another origin, a new tab, a download, a modified click).
 */
export function internalPath(
  href: string,
  origin: string,
  click: { button: number; metaKey: boolean; ctrlKey: boolean; shiftKey: boolean; altKey: boolean },
  target: string | null,
): string | null {
  if (click.button !== 0 || click.metaKey || click.ctrlKey || click.shiftKey || click.altKey) return null;
  if (target && target !== '_self') return null;
  const url = new URL(href, origin);
  if (url.origin !== origin) return null;
  return url.pathname + url.search + url.hash;
}
