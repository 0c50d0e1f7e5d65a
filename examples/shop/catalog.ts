/**
 * The demo shop's catalog, shared by the storefront, the SPA storefront and the traffic generator so
 * that generated traffic lands on the same paths and products a person clicks through.
 * Plain data with no imports: the storefront serves it to the browser as JSON.
 */

export interface Product {
  /** Product id, as sent in `items[].id`. */
  id: string;
  name: string;
  /** Unit price in {@link CURRENCY}. */
  price: number;
  /** Category slug (see {@link CATEGORIES}). */
  category: string;
  /** One sentence for the product page. */
  blurb: string;
  /** Two colours for the product's illustration. */
  colors: [string, string];
  /** Which illustration the storefront draws. */
  shape: 'mug' | 'pot' | 'lamp' | 'chair' | 'plant' | 'bag' | 'towel' | 'candle';
}

export interface Category {
  slug: string;
  name: string;
  tagline: string;
}

export const SHOP_NAME = 'Northwind Goods';

/** Every price in the shop is in this currency. */
export const CURRENCY = 'EUR';

export const CATEGORIES: readonly Category[] = [
  { slug: 'kitchen', name: 'Kitchen', tagline: 'Things you reach for every morning.' },
  { slug: 'living', name: 'Living', tagline: 'Light, seats and a little green.' },
  { slug: 'bath', name: 'Bath', tagline: 'Soft, warm and slow.' },
];

export const PRODUCTS: readonly Product[] = [
  {
    id: 'mug-1',
    name: 'Stoneware Mug',
    price: 12.5,
    category: 'kitchen',
    blurb: 'Hand-glazed, holds 350 ml, keeps its heat.',
    colors: ['#d97757', '#f4d6c6'],
    shape: 'mug',
  },
  {
    id: 'pot-1',
    name: 'Enamel Coffee Pot',
    price: 34,
    category: 'kitchen',
    blurb: 'Six cups of stovetop coffee in speckled enamel.',
    colors: ['#2f5d62', '#a7c4bc'],
    shape: 'pot',
  },
  {
    id: 'bag-1',
    name: 'Linen Market Bag',
    price: 19.9,
    category: 'kitchen',
    blurb: 'Washed linen that carries 10 kg of groceries.',
    colors: ['#8c7851', '#eaddcf'],
    shape: 'bag',
  },
  {
    id: 'lamp-1',
    name: 'Paper Pendant Lamp',
    price: 79,
    category: 'living',
    blurb: 'A warm globe of rice paper on a cotton cord.',
    colors: ['#e9b44c', '#fbefd5'],
    shape: 'lamp',
  },
  {
    id: 'chair-1',
    name: 'Oak Side Chair',
    price: 149,
    category: 'living',
    blurb: 'Solid oak, oiled by hand, stacks four high.',
    colors: ['#9c6644', '#e6ccb2'],
    shape: 'chair',
  },
  {
    id: 'plant-1',
    name: 'Olive Tree in Clay Pot',
    price: 45,
    category: 'living',
    blurb: 'A small olive tree that likes a sunny window.',
    colors: ['#606c38', '#dde5b6'],
    shape: 'plant',
  },
  {
    id: 'towel-1',
    name: 'Waffle Bath Towel',
    price: 29,
    category: 'bath',
    blurb: 'Light cotton waffle weave that dries in an hour.',
    colors: ['#457b9d', '#d8e2dc'],
    shape: 'towel',
  },
  {
    id: 'candle-1',
    name: 'Cedar Candle',
    price: 22,
    category: 'bath',
    blurb: 'Soy wax with cedar and bergamot, 40 hours of burn.',
    colors: ['#6d597a', '#e5d4ed'],
    shape: 'candle',
  },
];

export function findProduct(id: string): Product | undefined {
  return PRODUCTS.find((product) => product.id === id);
}

export function findCategory(slug: string): Category | undefined {
  return CATEGORIES.find((category) => category.slug === slug);
}

export function productsIn(slug: string): Product[] {
  return PRODUCTS.filter((product) => product.category === slug);
}

/** Products to suggest on a product's page: the rest of its category first, then the others. */
export function relatedProducts(product: Product, count = 3): Product[] {
  const others = PRODUCTS.filter((candidate) => candidate.id !== product.id);
  const same = others.filter((candidate) => candidate.category === product.category);
  return [...same, ...others.filter((candidate) => candidate.category !== product.category)].slice(0, count);
}

/** The shop's page paths: the storefronts serve them and the traffic generator visits them. */
export const paths = {
  home: '/',
  category: (slug: string) => `/c/${slug}`,
  product: (id: string) => `/p/${id}`,
  cart: '/cart',
  checkout: '/checkout',
  order: '/order',
} as const;

/** Rounds a money amount to cents, so that sums of prices stay exact to the cent. */
export function cents(amount: number): number {
  return Math.round(amount * 100) / 100;
}
