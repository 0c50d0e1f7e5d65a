/** Test helper: a snapshot shaped like docs/protocol.md's example, with overrides. */
import type { Snapshot } from '../snapshot.js';

export const SAMPLE_AT = 1_764_086_400_000;

export function sampleSnapshot(overrides: Partial<Snapshot> = {}): Snapshot {
  return {
    site: 'demo-shop',
    at: SAMPLE_AT,
    windows: { activeMs: 300_000, pagesMs: 900_000, commerceMs: 900_000, granularityMs: 10_000 },
    activeUsers: 3,
    activeSessions: 4,
    pageviews: 1234,
    topPages: [
      { path: '/', views: 12 },
      { path: '/p/mug', views: 6 },
    ],
    ecommerce: {
      viewItems: 9,
      addToCarts: 4,
      checkouts: 2,
      orders: 1,
      revenue: { EUR: 37.5 },
      conversionRate: 0.3333,
      topProducts: [{ id: 'mug-1', name: 'Mug', count: 3 }],
    },
    series: {
      start: SAMPLE_AT - 59 * 60_000,
      stepMs: 60_000,
      pageviews: Array.from({ length: 60 }, (_, i) => i % 7),
      visitors: Array.from({ length: 60 }, (_, i) => i % 3),
    },
    recent: [
      { type: 'add_to_cart', t: SAMPLE_AT - 1000, path: '/p/mug', item: 'Mug' },
      { type: 'pageview', t: SAMPLE_AT - 65_000, path: '/p/mug' },
    ],
    ...overrides,
  };
}
