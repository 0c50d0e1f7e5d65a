import { describe, expect, it } from 'vitest';
import { getSnapshot, testCartpulse } from '../../collector/src/testing/cartpulse.js';
import { defaultLoadgenOptions } from './options.js';
import { failed } from './report.js';
import { runLoadgen } from './run.js';

// The generator against a real collector and consumer (private redis-server): everything it sends is
// accepted, and the live snapshot counts exactly what the simulated shoppers did.
describe('loadgen → collector → consumer → snapshot', async () => {
  const cartpulse = await testCartpulse();

  it('is accepted in full and counted exactly', async () => {
    const summary = await runLoadgen({
      ...defaultLoadgenOptions(),
      url: cartpulse.url,
      site: 'loadgen-shop',
      rate: 400,
      duration: 2,
      visitors: 120,
      seed: 5,
    });
    expect(summary.failedRequests).toBe(0);
    expect(summary).toMatchObject({ accepted: summary.sent, rejected: 0, lost: 0 });
    expect(failed(summary)).toBe(false);

    const { journeys } = summary;
    expect(journeys.orders).toBeGreaterThan(0);
    await expect
      .poll(async () => (await getSnapshot(cartpulse.url, 'loadgen-shop')).pageviews, { timeout: 20_000 })
      .toBe(journeys.pageviews);
    const snapshot = await getSnapshot(cartpulse.url, 'loadgen-shop');
    expect(snapshot.activeUsers).toBe(journeys.visitors);
    expect(snapshot.activeSessions).toBe(journeys.sessions);
    expect(snapshot.ecommerce.orders).toBe(journeys.orders);
    expect(snapshot.ecommerce.addToCarts).toBe(journeys.addToCarts);
    expect(snapshot.ecommerce.checkouts).toBe(journeys.checkouts);
    expect(snapshot.ecommerce.revenue.EUR).toBeCloseTo(journeys.revenue, 2);
  });
});
