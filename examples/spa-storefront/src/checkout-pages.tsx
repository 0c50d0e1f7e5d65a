/** Buying: cart, checkout and order confirmation, each reporting its step of the funnel. */
import { beginCheckout, purchase, removeFromCart } from '@cartpulse/sdk';
import { useEffect } from 'preact/hooks';
import { CURRENCY, cents, paths } from '../../shop/catalog.js';
import { type CartStore, cartTotal, ga4Item, removeLine } from './cart.js';
import { Lines, money, useCart } from './components.js';
import { navigate } from './router.js';

export function CartPage({ store }: { store: CartStore }) {
  const lines = useCart(store);
  return (
    <>
      <div class="page-head">
        <h1>Your cart</h1>
      </div>
      <section class="cart-layout">
        <div class="panel">
          <Lines
            lines={lines}
            onRemove={(line) => {
              store.set(removeLine(store.current, line.id));
              removeFromCart({
                items: [ga4Item(line)],
                value: cents(line.price * line.qty),
                currency: CURRENCY,
              });
            }}
          />
        </div>
        <div class="panel">
          <div class="totals">
            <span>Total</span>
            <span class="price">{money(cartTotal(lines))}</span>
          </div>
          <div class="cart-actions">
            <a class="button secondary" href="/">
              Keep shopping
            </a>
            <a
              class="button"
              href={paths.checkout}
              aria-disabled={lines.length ? undefined : 'true'}
              data-testid="checkout"
            >
              Checkout
            </a>
          </div>
        </div>
      </section>
    </>
  );
}

export function CheckoutPage({ store }: { store: CartStore }) {
  const lines = useCart(store);
  useEffect(() => {
    const current = store.current;
    if (current.length)
      beginCheckout({ items: current.map(ga4Item), value: cartTotal(current), currency: CURRENCY });
  }, []);

  const placeOrder = (event: Event) => {
    event.preventDefault();
    const id = `NW-${Date.now().toString(36).toUpperCase()}${Math.random().toString(36).slice(2, 6).toUpperCase()}`;
    const order = store.placeOrder(id);
    purchase({ order: order.id, items: order.lines.map(ga4Item), value: order.total, currency: CURRENCY });
    navigate(paths.order);
  };
  return (
    <>
      <div class="page-head">
        <h1>Checkout</h1>
        <p>Two quick details and the (imaginary) parcel is on its way.</p>
      </div>
      <section class="cart-layout">
        <div class="panel">
          <form class="checkout" onSubmit={placeOrder}>
            <div class="row">
              <label class="field">
                Name
                <input name="name" autocomplete="name" value="Ada Lovelace" required />
              </label>
              <label class="field">
                Email
                <input name="email" type="email" autocomplete="email" value="ada@example.com" required />
              </label>
            </div>
            <label class="field">
              Address
              <input
                name="address"
                autocomplete="street-address"
                value="12 Analytical Row, London"
                required
              />
            </label>
            <p class="note">This is a demo: no payment is taken and nothing is sent to this address.</p>
            <div class="totals">
              <span>To pay</span>
              <span class="price">{money(cartTotal(lines))}</span>
            </div>
            <button class="button" type="submit" disabled={!lines.length} data-testid="place-order">
              Place order
            </button>
          </form>
        </div>
        <div class="panel">
          <Lines lines={lines} />
        </div>
      </section>
    </>
  );
}

export function OrderPage({ store }: { store: CartStore }) {
  const order = store.lastOrder();
  if (!order)
    return (
      <section class="confirmation">
        <h1>No order yet</h1>
        <a class="button" href="/">
          Start shopping
        </a>
      </section>
    );
  return (
    <section class="confirmation">
      <div class="tick" aria-hidden="true">
        ✓
      </div>
      <h1>Thank you for your order</h1>
      <p>
        Order <strong data-order-id>{order.id}</strong> is confirmed.
      </p>
      <div class="panel">
        <Lines lines={order.lines} />
        <div class="totals">
          <span>Paid</span>
          <span class="price" data-order-total>
            {money(order.total)}
          </span>
        </div>
      </div>
      <a class="button" href="/">
        Back to the shop
      </a>
    </section>
  );
}
