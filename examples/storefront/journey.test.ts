import { afterAll, describe, expect, it } from 'vitest';
import { getSnapshot, registerSite, testCartpulse } from '../../collector/src/testing/cartpulse.js';
import {
  headline,
  launchShopperBrowser,
  openDashboard,
  shop,
  stillTheSameDocument,
  TRIP,
  TRIP_HEADLINE,
} from '../testing/journey.js';
import { startStorefront } from './server.js';

// A shopper on the demo storefront (its own origin, Cartpulse from the collector's /cp.js, the purchase
// through the dataLayer bridge) while the dashboard is open: the numbers arrive without a reload.
describe('a shopper on the demo storefront, watched on the dashboard', async () => {
  const cartpulse = await testCartpulse();
  await registerSite(cartpulse.url, { id: 'demo-shop', name: 'Demo shop' });
  const storefront = await startStorefront({
    port: 0,
    collectorUrl: cartpulse.url,
    trackerAttributes: { 'data-allow-automation': '' },
  });
  afterAll(() => storefront.stop());
  const browser = await launchShopperBrowser();
  afterAll(() => browser.close());

  it('shows 1 visitor, 1 session, 6 pageviews, 1 order and its revenue', async () => {
    const dashboard = await openDashboard(browser.context, cartpulse.url, 'demo-shop');
    // the site is registered, so the dashboard may already show it, with nothing counted yet
    const before = await headline(dashboard);
    expect([null, '0']).toContain(before.activeUsers);
    expect([null, '0']).toContain(before.pageviews);

    const shopper = await browser.context.newPage();
    const { order } = await shop(shopper, storefront.url);
    expect(order).toMatch(/^NW-/);

    await expect.poll(() => headline(dashboard), { timeout: 30_000, interval: 250 }).toEqual(TRIP_HEADLINE);
    expect(await stillTheSameDocument(dashboard)).toBe(true);

    const snapshot = await getSnapshot(cartpulse.url, 'demo-shop');
    expect(snapshot.topPages.map((page: { path: string }) => page.path).sort()).toEqual(
      [...TRIP.paths].sort(),
    );
    expect(snapshot.ecommerce).toMatchObject({ viewItems: 2, addToCarts: 1, checkouts: 1, orders: 1 });
    expect(snapshot.ecommerce.topProducts).toEqual([{ id: 'lamp-1', name: 'Paper Pendant Lamp', count: 1 }]);
  });

  it('reports a reloaded order confirmation once', async () => {
    const shopper = await browser.context.newPage();
    await shopper.goto(`${storefront.url}/order`);
    await shopper.locator('[data-order-id]').waitFor();
    await shopper.reload();
    await shopper.locator('[data-order-id]').waitFor();
    await shopper.close();
    await expect
      .poll(async () => (await getSnapshot(cartpulse.url, 'demo-shop')).pageviews, { timeout: 20_000 })
      .toBe(TRIP.pageviews + 2);
    expect((await getSnapshot(cartpulse.url, 'demo-shop')).ecommerce).toMatchObject({
      orders: 1,
      revenue: TRIP.revenue,
    });
  });
});
