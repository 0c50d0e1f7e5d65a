/** Pieces every SPA page shares: the frame (header, footer), product cards and cart lines. */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { CATEGORIES, CURRENCY, cents, type Product, paths, SHOP_NAME } from '../../shop/catalog.js';
import { type CartLine, type CartStore, itemCount } from './cart.js';

export const money = (amount: number) =>
  new Intl.NumberFormat('en-IE', { style: 'currency', currency: CURRENCY }).format(amount);

/** The cart's lines, re-rendering the component whenever they change. */
export function useCart(store: CartStore): readonly CartLine[] {
  const [lines, setLines] = useState(store.current);
  useEffect(() => store.subscribe(() => setLines(store.current)), [store]);
  return lines;
}

export function Frame(props: {
  store: CartStore;
  dashboardUrl: string;
  category?: string;
  children: ComponentChildren;
}) {
  const lines = useCart(props.store);
  return (
    <>
      <header class="site-header">
        <div class="wrap">
          <a class="logo" href="/">
            {SHOP_NAME}
          </a>
          <nav class="site-nav">
            {CATEGORIES.map((category) => (
              <a
                key={category.slug}
                href={paths.category(category.slug)}
                aria-current={props.category === category.slug ? 'page' : undefined}
              >
                {category.name}
              </a>
            ))}
          </nav>
          <a class="cart-link" href={paths.cart} data-testid="cart-link">
            Cart <span class="cart-count">{itemCount(lines)}</span>
          </a>
        </div>
      </header>
      <main class="wrap">{props.children}</main>
      <footer class="site-footer">
        <div class="wrap">
          <span>{SHOP_NAME} is a demo shop: nothing is for sale and no order is shipped.</span>
          <span>
            A single-page app, measured live by <a href={props.dashboardUrl}>Cartpulse</a>.
          </span>
        </div>
      </footer>
    </>
  );
}

export function ProductCard({ product }: { product: Product }) {
  return (
    <a class="product-card" href={paths.product(product.id)} data-testid={`product-${product.id}`}>
      <img src={`/art/${product.id}.svg`} alt="" width={400} height={400} loading="lazy" />
      <div class="info">
        <span class="name">{product.name}</span>
        <span class="price">{money(product.price)}</span>
      </div>
    </a>
  );
}

export function Lines(props: { lines: readonly CartLine[]; onRemove?: (line: CartLine) => void }) {
  if (!props.lines.length)
    return (
      <div class="empty">
        <p>Your cart is empty.</p>
        <a class="button" href="/">
          Find something nice
        </a>
      </div>
    );
  return (
    <ul class="lines">
      {props.lines.map((line) => (
        <li class="line" key={line.id}>
          <img src={`/art/${line.id}.svg`} alt="" />
          <div>
            <a href={paths.product(line.id)}>{line.name}</a>
            <div class="meta">
              {line.qty} × {money(line.price)}
              {props.onRemove && (
                <>
                  {' · '}
                  <button
                    class="link-button"
                    type="button"
                    data-remove={line.id}
                    onClick={() => props.onRemove?.(line)}
                  >
                    Remove
                  </button>
                </>
              )}
            </div>
          </div>
          <span class="price">{money(cents(line.price * line.qty))}</span>
        </li>
      ))}
    </ul>
  );
}
