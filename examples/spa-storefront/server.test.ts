import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../shop/server.js';
import { BUNDLE, startSpaStorefront } from './server.js';

describe('startSpaStorefront', () => {
  let spa: RunningServer;
  beforeAll(async () => {
    spa = await startSpaStorefront({
      port: 0,
      collectorUrl: 'http://127.0.0.1:9999/',
      site: 'spa-shop',
      sdkOptions: { allowAutomation: true, flushInterval: 500 },
    });
  });
  afterAll(() => spa.stop());

  const config = (html: string) =>
    JSON.parse(
      /<script type="application\/json" id="cartpulse-config">(.*?)<\/script>/.exec(html)?.[1] ?? 'null',
    );

  it('answers every route with the app page, titled for the route, carrying the SDK options', async () => {
    const response = await fetch(`${spa.url}/p/lamp-1`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<title>Paper Pendant Lamp · Northwind Goods</title>');
    expect(html).toContain('<script type="module" src="/assets/app.js"></script>');
    expect(config(html)).toEqual({
      site: 'spa-shop',
      endpoint: 'http://127.0.0.1:9999/ingest',
      allowLocalhost: true,
      allowAutomation: true,
      flushInterval: 500,
    });
    const missing = await fetch(`${spa.url}/p/nothing`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('<div id="app"></div>');
  });

  it('keeps the options inert inside the page', async () => {
    const odd = await startSpaStorefront({ port: 0, site: 'x</script><script>alert(1)//' });
    try {
      const html = await (await fetch(`${odd.url}/`)).text();
      expect(html).not.toContain('</script><script>alert(1)');
      expect(config(html).site).toBe('x</script><script>alert(1)//');
    } finally {
      await odd.stop();
    }
  });

  it('serves the stylesheet, the pictures and the bundle (or says how to build it)', async () => {
    expect((await fetch(`${spa.url}/assets/shop.css`)).headers.get('content-type')).toBe(
      'text/css; charset=utf-8',
    );
    expect((await fetch(`${spa.url}/art/chair-1.svg`)).headers.get('content-type')).toBe('image/svg+xml');
    expect((await fetch(`${spa.url}/art/sofa.svg`)).status).toBe(404);
    const bundle = await fetch(`${spa.url}/assets/app.js`);
    if (existsSync(BUNDLE)) expect(bundle.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    else expect(await bundle.text()).toContain('npm run build');
  });
});
