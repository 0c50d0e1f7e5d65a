/** The SPA: one frame, one page per route. */
import type { CartStore } from './cart.js';
import { CartPage, CheckoutPage, OrderPage } from './checkout-pages.js';
import { Frame } from './components.js';
import { usePath } from './router.js';
import { matchRoute } from './routes.js';
import { CategoryPage, HomePage, ProductPage } from './shop-pages.js';

export function App({ store, dashboardUrl }: { store: CartStore; dashboardUrl: string }) {
  const route = matchRoute(usePath());
  const category =
    route.name === 'category'
      ? route.category.slug
      : route.name === 'product'
        ? route.product.category
        : undefined;
  return (
    <Frame store={store} dashboardUrl={dashboardUrl} category={category}>
      {route.name === 'home' && <HomePage />}
      {route.name === 'category' && <CategoryPage category={route.category} />}
      {route.name === 'product' && <ProductPage product={route.product} store={store} />}
      {route.name === 'cart' && <CartPage store={store} />}
      {route.name === 'checkout' && <CheckoutPage store={store} />}
      {route.name === 'order' && <OrderPage store={store} />}
      {route.name === 'not-found' && (
        <div class="empty">
          <h1>Nothing here</h1>
          <p>That page is not in the shop.</p>
          <a class="button" href="/">
            Back to the shop
          </a>
        </div>
      )}
    </Frame>
  );
}
