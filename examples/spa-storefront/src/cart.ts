/**
 * The SPA's cart: pure operations on cart lines, and a small store that keeps them in localStorage and
 * tells subscribers (the header badge, the cart page) when they change.
 */
import { cents, type Product } from '../../shop/catalog.js';

/** A cart line. */
export interface CartLine {
  id: string;
  name: string;
  price: number;
  category: string;
  qty: number;
}

export interface PlacedOrder {
  id: string;
  lines: CartLine[];
  total: number;
}

/** A product or cart line in GA4's item shape, which Cartpulse's e-commerce calls take. */
export function ga4Item(line: Pick<CartLine, 'id' | 'name' | 'price' | 'category'> & { qty?: number }) {
  return {
    item_id: line.id,
    item_name: line.name,
    item_category: line.category,
    price: line.price,
    ...(line.qty ? { quantity: line.qty } : {}),
  };
}

export function addProduct(lines: readonly CartLine[], product: Product, qty = 1): CartLine[] {
  const existing = lines.find((line) => line.id === product.id);
  if (existing) return lines.map((line) => (line === existing ? { ...line, qty: line.qty + qty } : line));
  const { id, name, price, category } = product;
  return [...lines, { id, name, price, category, qty }];
}

export function removeLine(lines: readonly CartLine[], id: string): CartLine[] {
  return lines.filter((line) => line.id !== id);
}

export function cartTotal(lines: readonly CartLine[]): number {
  return cents(lines.reduce((sum, line) => sum + line.price * line.qty, 0));
}

export function itemCount(lines: readonly CartLine[]): number {
  return lines.reduce((sum, line) => sum + line.qty, 0);
}

/** A storage that may refuse (private modes): the cart then lives in memory for the visit. */
export interface KeyValue {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export const CART_KEY = 'northwind.cart';
export const ORDER_KEY = 'northwind.order';

export class CartStore {
  private listeners = new Set<() => void>();
  private lines: CartLine[];

  constructor(private readonly storage: KeyValue) {
    this.lines = this.read<CartLine[]>(CART_KEY) ?? [];
  }

  get current(): readonly CartLine[] {
    return this.lines;
  }

  set(lines: CartLine[]): void {
    this.lines = lines;
    this.write(CART_KEY, lines);
    for (const listener of this.listeners) listener();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Turns the cart into an order (kept for the confirmation page) and empties it. */
  placeOrder(id: string): PlacedOrder {
    const order = { id, lines: this.lines, total: cartTotal(this.lines) };
    this.write(ORDER_KEY, order);
    this.set([]);
    return order;
  }

  lastOrder(): PlacedOrder | null {
    return this.read<PlacedOrder>(ORDER_KEY);
  }

  private read<T>(key: string): T | null {
    try {
      return JSON.parse(this.storage.getItem(key) ?? 'null') as T | null;
    } catch {
      return null;
    }
  }

  private write(key: string, value: unknown): void {
    try {
      this.storage.setItem(key, JSON.stringify(value));
    } catch {}
  }
}
