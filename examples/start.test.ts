import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { demoOptionsFromEnv, startDemos } from './start.js';

describe('demoOptionsFromEnv', () => {
  it('reads STOREFRONT_PORT, SPA_PORT and HOST, with the documented defaults', () => {
    expect(demoOptionsFromEnv({})).toEqual({ storefrontPort: 8788, spaPort: 8789, host: '127.0.0.1' });
    expect(demoOptionsFromEnv({ STOREFRONT_PORT: '9000', SPA_PORT: '0', HOST: '0.0.0.0' })).toEqual({
      storefrontPort: 9000,
      spaPort: 0,
      host: '0.0.0.0',
    });
    expect(() => demoOptionsFromEnv({ SPA_PORT: 'http' })).toThrow('SPA_PORT must be a port number');
  });
});

describe('startDemos', () => {
  it('starts both shops against the collector and says where they are', async () => {
    const demos = await startDemos('http://localhost:8787', {
      storefrontPort: 0,
      spaPort: 0,
      host: '127.0.0.1',
    });
    try {
      expect(demos.lines[0]).toBe(`Demo shop:      http://localhost:${demos.storefront?.port}  (script tag)`);
      expect(demos.lines[1]).toMatch(/^SPA demo shop: {2}http:\/\/localhost:\d+ {2}\(npm package/);
      const shop = await (await fetch(`${demos.storefront?.url}/`)).text();
      expect(shop).toContain('src="http://localhost:8787/cp.js" data-site="demo-shop"');
      const spa = await (await fetch(`${demos.spa?.url}/p/mug-1`)).text();
      expect(spa).toContain('"endpoint":"http://localhost:8787/ingest"');
      expect(spa).toContain('<title>Stoneware Mug · Northwind Goods</title>');
    } finally {
      await demos.stop();
    }
  });

  it('reports a busy port instead of failing', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const busy = (blocker.address() as { port: number }).port;
    const demos = await startDemos('http://localhost:8787', {
      storefrontPort: busy,
      spaPort: 0,
      host: '127.0.0.1',
    });
    try {
      expect(demos.lines[0]).toBe(
        'Demo shop did not start: its port is in use (set STOREFRONT_PORT to another).',
      );
      expect(demos.storefront).toBeUndefined();
      expect(demos.spa).toBeDefined();
    } finally {
      await demos.stop();
      blocker.close();
    }
  });
});
