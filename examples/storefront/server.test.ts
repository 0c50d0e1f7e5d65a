import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../shop/server.js';
import { startStorefront } from './server.js';

describe('startStorefront', () => {
  let shop: RunningServer;
  beforeAll(async () => {
    shop = await startStorefront({
      port: 0,
      collectorUrl: 'http://127.0.0.1:9999/',
      site: 'my-shop',
      trackerAttributes: { 'data-test': 'yes' },
    });
  });
  afterAll(() => shop.stop());

  it('serves pages that load cp.js from the collector origin, with the given attributes', async () => {
    expect(shop.url).toBe(`http://127.0.0.1:${shop.port}`);
    const response = await fetch(`${shop.url}/p/mug-1`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await response.text();
    expect(html).toContain('<script defer src="http://127.0.0.1:9999/cp.js" data-site="my-shop"');
    expect(html).toContain('data-test="yes"');
    expect(html).toContain('<script defer src="/assets/shop.js">');
  });

  it('serves the stylesheet, the script and the product pictures', async () => {
    for (const [path, type] of [
      ['/assets/shop.css', 'text/css; charset=utf-8'],
      ['/assets/shop.js', 'text/javascript; charset=utf-8'],
      ['/art/mug-1.svg', 'image/svg+xml'],
    ]) {
      const response = await fetch(`${shop.url}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toBe(type);
      expect((await response.text()).length).toBeGreaterThan(200);
    }
  });

  it('answers 404, HEAD and 405 like a web server', async () => {
    expect((await fetch(`${shop.url}/art/nothing.svg`)).status).toBe(404);
    expect((await fetch(`${shop.url}/missing`)).status).toBe(404);
    const head = await fetch(`${shop.url}/`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await fetch(`${shop.url}/`, { method: 'POST' })).status).toBe(405);
  });
});
