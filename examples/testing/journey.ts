/**
 * Test helper for the journey tests: a dashboard page watching a site, and the one shopping trip both
 * storefronts share (same links, same `data-testid`s): home → two products → add the second to the
 * cart → cart → checkout → place the order.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { type LaunchedBrowser, launchChromium } from '../../collector/src/testing/browser.js';
import { TEST_TOKEN } from '../../collector/src/testing/cartpulse.js';

/**
 * Chromium that introduces itself as a desktop Chrome (`launchChromium` sets the User-Agent on the
 * command line, which beacons sent while a page unloads carry too).
 */
export function launchShopperBrowser(): Promise<LaunchedBrowser> {
  return launchChromium();
}

export const HEADLINE = ['activeUsers', 'activeSessions', 'pageviews', 'orders', 'revenue'] as const;
export type Headline = Record<(typeof HEADLINE)[number], string | null>;

/**
 * Opens the dashboard for `site`, signed in with the test token (the site must be registered for the
 * dashboard to list it).
 */
export async function openDashboard(
  context: BrowserContext,
  collectorUrl: string,
  site: string,
): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${collectorUrl}/?site=${encodeURIComponent(site)}#token=${TEST_TOKEN}`);
  // The app has started once it has taken the token out of the address bar.
  await page.waitForURL((url) => !url.hash.includes('token='), { timeout: 20_000 });
  // Marks this document: if the page reloaded, the mark is gone.
  await page.evaluate(() => {
    (window as unknown as { journeyMark: number }).journeyMark = 1;
  });
  return page;
}

/** The exact headline values (`data-value`) the dashboard shows now; null for one not on screen. */
export async function headline(page: Page): Promise<Headline> {
  const values = await Promise.all(
    HEADLINE.map(async (name) => {
      const element = page.locator(`[data-metric="${name}"]`);
      return (await element.count()) ? element.getAttribute('data-value') : null;
    }),
  );
  return Object.fromEntries(HEADLINE.map((name, i) => [name, values[i] ?? null])) as Headline;
}

export async function stillTheSameDocument(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { journeyMark?: number }).journeyMark === 1);
}

/** What the trip below does, to compare with the dashboard. */
export const TRIP = {
  /** home, mug, lamp, cart, checkout, order confirmation */
  pageviews: 6,
  orders: 1,
  revenue: { EUR: 79 },
  paths: ['/', '/p/mug-1', '/p/lamp-1', '/cart', '/checkout', '/order'],
};

/** The dashboard's headline after the trip, as `headline()` reads it. */
export const TRIP_HEADLINE: Headline = {
  activeUsers: '1',
  activeSessions: '1',
  pageviews: String(TRIP.pageviews),
  orders: String(TRIP.orders),
  revenue: JSON.stringify(TRIP.revenue),
};

async function heading(page: Page, text: string) {
  await page.locator('h1', { hasText: text }).waitFor({ timeout: 20_000 });
}

/** The shopping trip: the lamp (EUR 79.00) is bought, seen after the mug. */
export async function shop(page: Page, shopUrl: string): Promise<{ order: string }> {
  await page.goto(`${shopUrl}/`);
  await heading(page, 'Everyday things');
  await page.click('[data-testid="product-mug-1"]');
  await heading(page, 'Stoneware Mug');
  // "You may also like" on the mug's page leads to the lamp.
  await page.click('[data-testid="product-lamp-1"]');
  await heading(page, 'Paper Pendant Lamp');
  await page.click('[data-testid="add-to-cart"]');
  await expect.poll(() => page.locator('.cart-count').first().textContent()).toBe('1');
  await page.click('[data-testid="cart-link"]');
  await heading(page, 'Your cart');
  await page.locator('.lines .line').first().waitFor();
  await page.click('[data-testid="checkout"]');
  await heading(page, 'Checkout');
  await page.click('[data-testid="place-order"]');
  await heading(page, 'Thank you for your order');
  expect(await page.locator('[data-order-total]').textContent()).toBe('€79.00');
  return { order: (await page.locator('[data-order-id]').textContent()) ?? '' };
}
