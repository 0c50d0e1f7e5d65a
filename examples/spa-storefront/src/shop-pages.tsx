/** Browsing: home, category and product pages. The product page reports views and adds to cart. */
import { addToCart, viewItem } from '@cartpulse/sdk';
import { useEffect, useState } from 'preact/hooks';
import {
  CATEGORIES,
  CURRENCY,
  type Category,
  findProduct,
  PRODUCTS,
  type Product,
  paths,
  productsIn,
  relatedProducts,
} from '../../shop/catalog.js';
import { addProduct, type CartStore, ga4Item } from './cart.js';
import { money, ProductCard } from './components.js';

export function HomePage() {
  const hero = [findProduct('lamp-1'), findProduct('mug-1')] as Product[];
  return (
    <>
      <section class="hero">
        <div>
          <h1>Everyday things, made to last.</h1>
          <p>Mugs, lamps, linen and oak from small workshops, chosen to be used every day for years.</p>
          <a class="button" href={paths.category('kitchen')}>
            Shop the kitchen
          </a>
        </div>
        <div class="hero-art" aria-hidden="true">
          {hero.map((product) => (
            <img key={product.id} src={`/art/${product.id}.svg`} alt="" />
          ))}
        </div>
      </section>
      <section class="categories">
        {CATEGORIES.map((category) => (
          <a key={category.slug} class="category-card" href={paths.category(category.slug)}>
            <strong>{category.name}</strong>
            <span>{category.tagline}</span>
          </a>
        ))}
      </section>
      <h2 class="section">Popular this week</h2>
      <section class="grid">
        {PRODUCTS.map((product) => (
          <ProductCard key={product.id} product={product} />
        ))}
      </section>
    </>
  );
}

export function CategoryPage({ category }: { category: Category }) {
  return (
    <>
      <div class="page-head">
        <div class="crumbs">
          <a href="/">Home</a> / {category.name}
        </div>
        <h1>{category.name}</h1>
        <p>{category.tagline}</p>
      </div>
      <section class="grid">
        {productsIn(category.slug).map((product) => (
          <ProductCard key={product.id} product={product} />
        ))}
      </section>
    </>
  );
}

export function ProductPage({ product, store }: { product: Product; store: CartStore }) {
  const [added, setAdded] = useState(false);
  // Once per product shown: the effect runs again only when the route moves to another product.
  useEffect(() => {
    setAdded(false);
    viewItem({ items: [ga4Item(product)], value: product.price, currency: CURRENCY });
  }, [product.id]);

  const add = () => {
    store.set(addProduct(store.current, product));
    addToCart({ items: [ga4Item({ ...product, qty: 1 })], value: product.price, currency: CURRENCY });
    setAdded(true);
  };
  const category = CATEGORIES.find((entry) => entry.slug === product.category);
  return (
    <>
      <section class="product">
        <img src={`/art/${product.id}.svg`} alt={product.name} width={600} height={600} />
        <div>
          <div class="crumbs">
            <a href="/">Home</a> / <a href={paths.category(product.category)}>{category?.name}</a>
          </div>
          <h1>{product.name}</h1>
          <div class="price">{money(product.price)}</div>
          <p class="blurb">{product.blurb}</p>
          <button class="button" type="button" onClick={add} data-testid="add-to-cart">
            Add to cart
          </button>
          {added && (
            <p class="note" role="status">
              {product.name} is in your cart. <a href={paths.cart}>View cart</a>
            </p>
          )}
          <ul class="perks">
            <li>Free delivery over {money(50)}</li>
            <li>30 days to change your mind</li>
            <li>Made in small batches</li>
          </ul>
        </div>
      </section>
      <h2 class="section">You may also like</h2>
      <section class="grid">
        {relatedProducts(product).map((related) => (
          <ProductCard key={related.id} product={related} />
        ))}
      </section>
    </>
  );
}
