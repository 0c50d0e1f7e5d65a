import { describe, expect, it } from 'vitest';
import { PRODUCTS, paths } from '../shop/catalog.js';
import { DATALAYER_ATTRIBUTE, renderPage, type TrackerTag } from './pages.js';

const tracker: TrackerTag = {
  src: 'http://localhost:8787/cp.js',
  site: 'demo-shop',
  attributes: { 'data-allow-localhost': '' },
};
const scriptTags = (html: string) => html.match(/<script[^>]*cp\.js[^>]*>/g) ?? [];

describe('storefront pages', () => {
  const everyPage = [
    paths.home,
    paths.category('kitchen'),
    paths.product('mug-1'),
    paths.cart,
    paths.checkout,
    paths.order,
  ];

  it('load Cartpulse with exactly one deferred script tag from the collector', () => {
    for (const path of everyPage) {
      const { status, html } = renderPage(tracker, path);
      expect(status).toBe(200);
      const tags = scriptTags(html);
      expect(tags).toHaveLength(1);
      expect(tags[0]).toMatch(/^<script defer src="http:\/\/localhost:8787\/cp\.js" data-site="demo-shop"/);
      expect(tags[0]).toContain(' data-allow-localhost');
    }
  });

  it('feeds the dataLayer bridge on the order page only', () => {
    for (const path of everyPage) {
      const tag = scriptTags(renderPage(tracker, path).html)[0];
      expect(tag?.includes(DATALAYER_ATTRIBUTE)).toBe(path === paths.order);
    }
  });

  it('renders every product with its price and the data shop.js reports', () => {
    for (const product of PRODUCTS) {
      const { html } = renderPage(tracker, paths.product(product.id));
      expect(html).toContain(`<h1>${product.name}</h1>`);
      expect(html).toContain('data-add-to-cart');
      const data = /data-product="([^"]+)"/.exec(html)?.[1]?.replaceAll('&quot;', '"') ?? '';
      expect(JSON.parse(data)).toEqual({
        id: product.id,
        name: product.name,
        price: product.price,
        category: product.category,
      });
    }
  });

  it('answers unknown paths with a 404 page that still loads the shop', () => {
    for (const path of ['/nope', '/p/unknown', '/c/garden', '/p/mug-1/extra']) {
      const { status, html } = renderPage(tracker, path);
      expect(status).toBe(404);
      expect(html).toContain('data-page="not-found"');
    }
  });

  it('escapes what it puts in attributes', () => {
    const odd = { ...tracker, src: 'http://x/cp.js?a="b"&c', attributes: { 'data-x': '<y>' } };
    const tag = scriptTags(renderPage(odd, '/').html)[0];
    expect(tag).toContain('src="http://x/cp.js?a=&quot;b&quot;&amp;c"');
    expect(tag).toContain('data-x="&lt;y&gt;"');
  });
});
