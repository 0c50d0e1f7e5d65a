// Northwind Goods, the demo storefront: the cart (kept in localStorage) and the shopping events that
// Cartpulse records. Pageviews are recorded by the Cartpulse script tag on its own; everything else is
// one `window.cartpulse` call, except the purchase, which the order page pushes to a GA4-style dataLayer.
(() => {
  const CART_KEY = 'northwind.cart';
  const ORDER_KEY = 'northwind.order';
  const body = document.body;
  const currency = body.dataset.currency;
  const money = (amount) => new Intl.NumberFormat('en-IE', { style: 'currency', currency }).format(amount);
  const cents = (amount) => Math.round(amount * 100) / 100;

  const read = (key, fallback) => {
    try {
      return JSON.parse(localStorage.getItem(key) ?? 'null') ?? fallback;
    } catch {
      return fallback;
    }
  };
  const write = (key, value) => localStorage.setItem(key, JSON.stringify(value));

  /** Cart lines: {id, name, price, category, qty}. */
  const cart = {
    lines: () => read(CART_KEY, []),
    save: (lines) => {
      write(CART_KEY, lines);
      showCount();
    },
    total: (lines) => cents(lines.reduce((sum, line) => sum + line.price * line.qty, 0)),
  };

  /** A product or cart line in GA4's item shape, which Cartpulse's e-commerce calls take. */
  const ga4Item = (line, qty = line.qty) => ({
    item_id: line.id,
    item_name: line.name,
    item_category: line.category,
    price: line.price,
    ...(qty ? { quantity: qty } : {}),
  });

  /** One Cartpulse call; a shop must keep working when the script is blocked or not loaded. */
  function record(method, ...args) {
    const api = window.cartpulse;
    if (api && typeof api[method] === 'function') api[method](...args);
  }

  function showCount() {
    const count = cart.lines().reduce((sum, line) => sum + line.qty, 0);
    for (const badge of document.querySelectorAll('[data-cart-count]')) badge.textContent = String(count);
  }

  let toastTimer;
  function toast(text) {
    const element = document.querySelector('[data-toast]');
    if (!element) return;
    element.textContent = text;
    element.classList.add('show');
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => element.classList.remove('show'), 2200);
  }

  function el(tag, attributes = {}, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    element.append(...children);
    return element;
  }

  function renderLines(container, lines, { readonly }) {
    container.replaceChildren();
    if (!lines.length) {
      container.append(
        el(
          'div',
          { class: 'empty' },
          el('p', {}, 'Your cart is empty.'),
          el('a', { class: 'button', href: '/' }, 'Find something nice'),
        ),
      );
      return;
    }
    const list = el('ul', { class: 'lines' });
    for (const line of lines) {
      const meta = el('div', { class: 'meta' }, `${line.qty} × ${money(line.price)}`);
      const info = el('div', {}, el('a', { href: `/p/${line.id}` }, line.name), meta);
      if (!readonly) {
        const remove = el(
          'button',
          { class: 'link-button', type: 'button', 'data-remove': line.id },
          'Remove',
        );
        meta.append(' · ', remove);
      }
      list.append(
        el(
          'li',
          { class: 'line' },
          el('img', { src: `/art/${line.id}.svg`, alt: '' }),
          info,
          el('span', { class: 'price' }, money(cents(line.price * line.qty))),
        ),
      );
    }
    container.append(list);
  }

  function showTotals(lines) {
    for (const total of document.querySelectorAll('[data-cart-total]'))
      total.textContent = money(cart.total(lines));
  }

  const pages = {
    product() {
      const product = JSON.parse(body.dataset.product);
      record('viewItem', { items: [ga4Item(product)], value: product.price, currency });
      document.querySelector('[data-add-to-cart]').addEventListener('click', () => {
        const lines = cart.lines();
        const line = lines.find((entry) => entry.id === product.id);
        if (line) line.qty += 1;
        else lines.push({ ...product, qty: 1 });
        cart.save(lines);
        record('addToCart', { items: [ga4Item(product, 1)], value: product.price, currency });
        toast(`${product.name} is in your cart`);
      });
    },

    cart() {
      const container = document.querySelector('[data-cart-lines]');
      const checkout = document.querySelector('[data-checkout]');
      const render = () => {
        const lines = cart.lines();
        renderLines(container, lines, { readonly: false });
        showTotals(lines);
        checkout.setAttribute('aria-disabled', String(!lines.length));
      };
      container.addEventListener('click', (event) => {
        const id = event.target.closest('[data-remove]')?.dataset.remove;
        if (!id) return;
        const lines = cart.lines();
        const line = lines.find((entry) => entry.id === id);
        if (!line) return;
        cart.save(lines.filter((entry) => entry !== line));
        record('removeFromCart', { items: [ga4Item(line)], value: cents(line.price * line.qty), currency });
        render();
      });
      render();
    },

    checkout() {
      const lines = cart.lines();
      renderLines(document.querySelector('[data-cart-lines]'), lines, { readonly: true });
      showTotals(lines);
      const form = document.querySelector('[data-checkout-form]');
      if (!lines.length) {
        form.querySelector('[type=submit]').disabled = true;
        return;
      }
      record('beginCheckout', {
        items: lines.map((line) => ga4Item(line)),
        value: cart.total(lines),
        currency,
      });
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        const id = `NW-${Date.now().toString(36).toUpperCase()}${Math.random().toString(36).slice(2, 6).toUpperCase()}`;
        write(ORDER_KEY, { id, lines, total: cart.total(lines), reported: false });
        cart.save([]);
        location.assign('/order');
      });
    },

    order() {
      const order = read(ORDER_KEY, null);
      const section = document.querySelector('[data-order]');
      if (!order) return;
      const lines = el('div', { class: 'panel' });
      renderLines(lines, order.lines, { readonly: true });
      lines.append(
        el(
          'div',
          { class: 'totals' },
          el('span', {}, 'Paid'),
          el('span', { class: 'price', 'data-order-total': '' }, money(order.total)),
        ),
      );
      section.replaceChildren(
        el('div', { class: 'tick', 'aria-hidden': 'true' }, '✓'),
        el('h1', {}, 'Thank you for your order'),
        el('p', {}, 'Order ', el('strong', { 'data-order-id': '' }, order.id), ' is confirmed.'),
        lines,
        el('a', { class: 'button', href: '/' }, 'Back to the shop'),
      );
      if (order.reported) return;
      // The way a shop with Google Tag Manager reports a purchase: Cartpulse reads it from the dataLayer
      // (this page's script tag has data-datalayer), so no Cartpulse call is needed here.
      window.dataLayer = window.dataLayer || [];
      window.dataLayer.push({ ecommerce: null });
      window.dataLayer.push({
        event: 'purchase',
        ecommerce: {
          transaction_id: order.id,
          value: order.total,
          currency,
          items: order.lines.map((line) => ga4Item(line)),
        },
      });
      write(ORDER_KEY, { ...order, reported: true });
    },
  };

  showCount();
  pages[body.dataset.page]?.();
})();
