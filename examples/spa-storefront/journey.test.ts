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
import { startSpaStorefront } from './server.js';

// A shopper in the SPA storefront (its own origin, the SDK from npm, client-side routing) while the
// dashboard is open: every route change is one pageview, and the numbers arrive without a reload.
describe('a shopper in the SPA storefront, watched on the dashboard', async () => {
  const cartpulse = await testCartpulse();
  await registerSite(cartpulse.url, { id: 'demo-shop', name: 'Demo shop' });
  const spa = await startSpaStorefront({
    port: 0,
    collectorUrl: cartpulse.url,
    sdkOptions: { allowAutomation: true },
  });
  afterAll(() => spa.stop());
  const browser = await launchShopperBrowser();
  afterAll(() => browser.close());

  it('shows 1 visitor, 1 session, 6 pageviews, 1 order and its revenue', async () => {
    const dashboard = await openDashboard(browser.context, cartpulse.url, 'demo-shop');
    // the site is registered, so the dashboard may already show it, with nothing counted yet
    const before = await headline(dashboard);
    expect([null, '0']).toContain(before.activeUsers);
    expect([null, '0']).toContain(before.pageviews);

    const shopper = await browser.context.newPage();
    const { order } = await shop(shopper, spa.url);
    expect(order).toMatch(/^NW-/);

    await expect.poll(() => headline(dashboard), { timeout: 30_000, interval: 250 }).toEqual(TRIP_HEADLINE);
    expect(await stillTheSameDocument(dashboard)).toBe(true);

    // Each route once, and nothing else: the snapshot's top pages list every path with its count.
    const snapshot = await getSnapshot(cartpulse.url, 'demo-shop');
    expect(snapshot.topPages.map((page: { path: string; views: number }) => page.views)).toEqual(
      TRIP.paths.map(() => 1),
    );
    expect(snapshot.topPages.map((page: { path: string }) => page.path).sort()).toEqual(
      [...TRIP.paths].sort(),
    );
    expect(snapshot.ecommerce).toMatchObject({ viewItems: 2, addToCarts: 1, checkouts: 1, orders: 1 });
    expect(snapshot.ecommerce.topProducts).toEqual([{ id: 'lamp-1', name: 'Paper Pendant Lamp', count: 1 }]);
  });
});
