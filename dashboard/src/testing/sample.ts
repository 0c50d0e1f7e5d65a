/** Test helper: a snapshot shaped like docs/protocol.md's example, with overrides. */
import type { BreakdownRow, Dimension, Snapshot } from '../snapshot.js';

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
      averageOrderValue: { EUR: 37.5 },
      carts: {
        active: { sessions: 3, value: { EUR: 86.5 } },
        checkingOut: { sessions: 1, value: { EUR: 25 } },
        purchased: { sessions: 1, value: { EUR: 37.5 } },
      },
      topProducts: [{ id: 'mug-1', name: 'Mug', count: 3 }],
      coverage: sampleCoverage(),
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
    breakdowns: sampleBreakdowns(),
    filter: null,
    ...sampleDays(),
    ...overrides,
  };
}

/** Orders browser tracking saw against the backend's: all of the window's, 9 of today's 11. */
export function sampleCoverage(): NonNullable<Snapshot['ecommerce']['coverage']> {
  return {
    window: { browser: 1, backend: 1, both: 1, browserShare: 1, backendOnlyRevenue: {} },
    today: { browser: 9, backend: 11, both: 9, browserShare: 0.8182, backendOnlyRevenue: { EUR: 74.5 } },
  };
}

const row = (value: string, visitors: number, orders = 0, revenue: Record<string, number> = {}) =>
  ({ value, visitors, pageviews: visitors * 2, orders, revenue }) satisfies BreakdownRow;

/** A row or two for every dimension, an `(other)` row among them, and two currencies in one row. */
export function sampleBreakdowns(): Record<Dimension, BreakdownRow[]> {
  return {
    channel: [
      row('Organic Search', 8, 1, { EUR: 37.5 }),
      row('Email', 4, 1, { EUR: 20, USD: 12 }),
      row('Direct', 2),
    ],
    source: [row('google', 8, 1, { EUR: 37.5 }), row('newsletter', 4), row('(other)', 2)],
    campaign: [],
    country: [row('DE', 6, 1, { EUR: 37.5 }), row('FR', 3), row('(not set)', 1)],
    device: [row('desktop', 9, 1, { EUR: 37.5 }), row('mobile', 5)],
    browser: [row('Chrome', 10), row('Firefox', 4)],
    os: [row('Windows', 7), row('Android', 5)],
    entry: [row('/p/mug', 7, 1, { EUR: 37.5 }), row('/', 5)],
  };
}

const HOUR = 3_600_000;

/** Today against yesterday and last week, UTC, at SAMPLE_AT (16:00 UTC). */
export function sampleDays(): Pick<Snapshot, 'timezone' | 'today' | 'yesterday' | 'lastWeek' | 'hours'> {
  const since = SAMPLE_AT - 16 * HOUR;
  const day = (start: number, until: number, visitors: number, revenue: number) => ({
    since: start,
    until,
    visitors,
    sessions: visitors + 2,
    pageviews: visitors * 3,
    orders: 2,
    revenue: { EUR: revenue },
    conversionRate: 0.08,
    averageOrderValue: { EUR: revenue / 2 },
  });
  const hours = (date: string, start: number, length: number, scale: number) => ({
    date,
    since: start,
    visitors: Array.from({ length }, (_, i) => (i % 5) * scale),
    sessions: Array.from({ length }, (_, i) => (i % 5) * scale + 1),
    pageviews: Array.from({ length }, (_, i) => (i % 5) * 3 * scale),
    orders: Array.from({ length }, (_, i) => i % 2),
    revenue: { EUR: Array.from({ length }, (_, i) => (i % 2) * 20) },
  });
  return {
    timezone: 'UTC',
    today: day(since, SAMPLE_AT, 25, 75),
    yesterday: day(since - 24 * HOUR, SAMPLE_AT - 24 * HOUR + 60_000, 20, 60),
    lastWeek: day(since - 7 * 24 * HOUR, SAMPLE_AT - 7 * 24 * HOUR + 60_000, 30, 90),
    hours: {
      stepMs: HOUR,
      today: hours('2025-11-25', since, 17, 2),
      yesterday: hours('2025-11-24', since - 24 * HOUR, 24, 2),
      lastWeek: hours('2025-11-18', since - 7 * 24 * HOUR, 24, 3),
    },
  };
}
