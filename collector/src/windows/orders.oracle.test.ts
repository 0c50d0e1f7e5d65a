/**
 * Orders from browsers and from the shop's backend against a brute-force recount: a seeded mix of
 * orders only a browser reported, only the backend (`/ingest/orders`), or both in either order of
 * arrival, with the backend's value differing from the browser's, backend orders sent again an hour
 * later, partial refunds and cancellations (some before the order itself), all through HTTP, the stream
 * and the consumer on a simulated clock. At checkpoints the snapshot's orders, revenue, average order
 * value, coverage (window and today), today's orders and revenue, and the channel rows' orders and
 * revenue equal the recount.
 */
import { describe, expect, it } from 'vitest';
import { MINUTE } from '../config.js';
import { createClient } from '../redis/client.js';
import { siteWithKey } from '../testing/backend.js';
import { getSnapshot, testCartpulse } from '../testing/cartpulse.js';
import { waitUntilProcessed } from '../testing/drain.js';
import { seededRandom } from '../testing/event-log.js';
import { REVENUE_UNITS, toRevenueUnits, windowStart } from './arithmetic.js';
import type { Snapshot } from './snapshot.js';

const SITE = 'recon-shop';
const START = Date.UTC(2026, 10, 20, 21, 0); // the log crosses midnight in Berlin and in UTC
const TIMEZONE = 'Europe/Berlin';
const HOUR = 60 * MINUTE;

type Pattern = 'browser' | 'backend' | 'browser-then-backend' | 'backend-then-browser';

interface Delivery {
  at: number;
  kind: 'pageview' | 'browser' | 'backend' | 'refund' | 'cancel';
  order: string;
  /** Event time (ts). */
  t: number;
  value?: number;
  session?: string;
  /** The session's channel, on its page view. */
  google?: boolean;
}

function scenario(count: number) {
  const random = seededRandom(42);
  const deliveries: Delivery[] = [];
  const patterns: Pattern[] = ['browser', 'backend', 'browser-then-backend', 'backend-then-browser'];
  for (let i = 0; i < count; i++) {
    const order = `o${1000 + i}`;
    const pattern = patterns[Math.floor(random() * patterns.length)];
    const t = START + Math.round(random() * 3 * HOUR);
    const browserValue = Math.round(20 + random() * 200) + 0.5;
    // the backend's total includes shipping now and then
    const backendValue = random() < 0.4 ? browserValue + 4.9 : browserValue;
    const session = `s-${i}`;
    const withSession = pattern !== 'backend' || random() < 0.5;
    if (withSession)
      deliveries.push({
        at: t - MINUTE,
        kind: 'pageview',
        order,
        t: t - MINUTE,
        session,
        google: random() < 0.5,
      });
    const browserAt = t + 500 + Math.round(random() * 3000);
    const backendAt = t + Math.round(1000 + random() * 20 * MINUTE);
    const browser = (at: number) =>
      deliveries.push({ at, kind: 'browser', order, t: t + 500, value: browserValue, session });
    const backend = (at: number) =>
      deliveries.push({
        at,
        kind: 'backend',
        order,
        t,
        value: backendValue,
        session: withSession && random() < 0.7 ? session : undefined,
      });
    if (pattern === 'browser') browser(browserAt);
    if (pattern === 'backend') backend(backendAt);
    if (pattern === 'browser-then-backend') {
      browser(browserAt);
      backend(Math.max(backendAt, browserAt + 1000));
    }
    if (pattern === 'backend-then-browser') {
      backend(t + 1000);
      browser(t + 2000 + Math.round(random() * 15 * MINUTE));
    }
    if (pattern !== 'browser' && random() < 0.25) {
      // the backend sends the order again an hour later (a retried webhook)
      const first = deliveries.filter((d) => d.order === order && d.kind === 'backend')[0];
      deliveries.push({ ...first, at: first.at + HOUR });
    }
    if (pattern !== 'browser' && random() < 0.3) {
      const early = random() < 0.2; // the refund reported before the order itself
      const at = early ? t - 30_000 : t + Math.round(5 * MINUTE + random() * 90 * MINUTE);
      if (random() < 0.5)
        deliveries.push({ at, kind: 'refund', order, t: at, value: Math.round(random() * 30) + 0.25 });
      else deliveries.push({ at, kind: 'cancel', order, t: at });
    }
  }
  return deliveries.sort((a, b) => a.at - b.at);
}

/** The snapshot's order numbers by brute force, from the deliveries so far in their order. */
function recountOrders(
  delivered: Delivery[],
  at: number,
  settings: { windows: { commerceMs: number }; granularityMs: number },
) {
  const commerceStart = windowStart(at, settings.windows.commerceMs, settings.granularityMs);
  const dateOf = (t: number) => new Intl.DateTimeFormat('sv-SE', { timeZone: TIMEZONE }).format(t);
  const today = dateOf(at);
  const channels = new Map<string, string>();
  const seen = new Set<string>();
  const orders = new Map<
    string,
    {
      first?: Delivery;
      browser: Delivery[];
      backend?: Delivery;
      refunds: number;
      cancelled: boolean;
      row?: string;
    }
  >();
  for (const d of delivered) {
    if (d.kind === 'pageview') {
      channels.set(d.session as string, d.google ? 'Organic Search' : 'Direct');
      continue;
    }
    const id = d.kind === 'browser' ? `b:${d.order}:${d.t}` : `${d.kind}:${d.order}:${d.value}`;
    if (seen.has(id)) continue; // the same request again
    seen.add(id);
    const o = orders.get(d.order) ?? { browser: [], refunds: 0, cancelled: false };
    orders.set(d.order, o);
    if (d.kind === 'refund') o.refunds += toRevenueUnits(d.value as number);
    if (d.kind === 'cancel') o.cancelled = true;
    if (d.kind === 'browser' || d.kind === 'backend') {
      o.first ??= d;
      if (d.kind === 'browser') o.browser.push(d);
      else o.backend ??= d;
      // the browser's session wins; a backend order keeps the session it named until then
      const session = o.browser[0]?.session ?? o.backend?.session;
      o.row = session ? channels.get(session) : undefined;
    }
  }
  const window = { orders: 0, units: 0, paid: 0, cb: 0, cs: 0, cx: 0, backendOnly: 0 };
  const day = { orders: 0, units: 0, paid: 0, cb: 0, cs: 0, cx: 0, backendOnly: 0 };
  const rows = new Map<string, { orders: number; units: number }>();
  for (const o of orders.values()) {
    if (!o.first) continue;
    const value = (o.backend ?? o.browser[0]).value as number;
    const units = o.cancelled ? 0 : Math.max(0, toRevenueUnits(value) - o.refunds);
    const cover = o.browser.length && o.backend ? 'cx' : o.backend ? 'cs' : 'cb';
    const latest = Math.max(...o.browser.map((b) => b.t), o.first.kind === 'backend' ? o.first.t : 0);
    if (latest >= commerceStart) window.orders++;
    const count = (into: typeof window) => {
      into.units += units;
      into.paid++;
      into[cover]++;
      if (cover === 'cs') into.backendOnly += units;
    };
    if (o.first.t >= commerceStart) {
      count(window);
      if (o.row) {
        const row = rows.get(o.row) ?? { orders: 0, units: 0 };
        row.orders++;
        row.units += units;
        rows.set(o.row, row);
      }
    }
    if (dateOf(o.first.t) === today) {
      count(day);
      day.orders++;
    }
  }
  const money = (units: number) => (units === 0 ? {} : { EUR: units / REVENUE_UNITS });
  const coverage = (c: typeof window) => ({
    browser: c.cb + c.cx,
    backend: c.cs + c.cx,
    both: c.cx,
    browserShare: c.cs + c.cx === 0 ? null : Math.round((c.cx / (c.cs + c.cx)) * 10_000) / 10_000,
    backendOnlyRevenue: money(c.backendOnly),
  });
  const aov = (c: typeof window) =>
    c.paid === 0 ? {} : { EUR: Math.round((c.units / REVENUE_UNITS / c.paid) * 100) / 100 };
  return {
    orders: window.orders,
    revenue: money(window.units),
    averageOrderValue: aov(window),
    coverage: { window: coverage(window), today: coverage(day) },
    today: { orders: day.orders, revenue: money(day.units), averageOrderValue: aov(day) },
    rows: Object.fromEntries(
      [...rows].map(([row, r]) => [row, { orders: r.orders, revenue: money(r.units) }]),
    ),
  };
}

function numbersOf(snapshot: Snapshot) {
  const rows: Record<string, { orders: number; revenue: Record<string, number> }> = {};
  for (const row of snapshot.breakdowns.channel)
    if (row.orders > 0 || Object.keys(row.revenue).length > 0)
      rows[row.value] = { orders: row.orders, revenue: row.revenue };
  return {
    orders: snapshot.ecommerce.orders,
    revenue: snapshot.ecommerce.revenue,
    averageOrderValue: snapshot.ecommerce.averageOrderValue,
    coverage: snapshot.ecommerce.coverage,
    today: {
      orders: snapshot.today?.orders,
      revenue: snapshot.today?.revenue,
      averageOrderValue: snapshot.today?.averageOrderValue,
    },
    rows,
  };
}

describe('orders from browsers and the backend against a brute-force recount', async () => {
  let simulatedNow = START - HOUR;
  const cartpulse = await testCartpulse({ clock: () => simulatedNow });
  const redis = createClient(cartpulse.options);
  const { key } = await siteWithKey(cartpulse.url, { id: SITE, timezone: TIMEZONE });
  const deliveries = scenario(160);

  const post = async (path: string, body: unknown, authorization?: string) => {
    const response = await fetch(`${cartpulse.url}${path}`, {
      method: 'POST',
      headers: {
        'content-type': authorization ? 'application/json' : 'text/plain',
        ...(authorization ? { authorization } : {}),
        'user-agent':
          'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
      },
      body: JSON.stringify(body),
    });
    expect(response.status, path).toBe(202);
  };
  const deliver = (d: Delivery) => {
    const vid = `v-${d.session ?? d.order}`;
    if (d.kind === 'pageview')
      return post('/ingest', {
        site: SITE,
        sent: d.at,
        events: [
          {
            type: 'pageview',
            id: `pv-${d.session}`,
            ts: d.t,
            vid,
            sid: d.session,
            url: `https://recon.example/p/${d.order}`,
            ...(d.google ? { ref: 'https://www.google.com/' } : {}),
          },
        ],
      });
    if (d.kind === 'browser')
      return post('/ingest', {
        site: SITE,
        sent: d.at,
        events: [
          {
            type: 'purchase',
            id: `b-${d.order}-${d.t}`,
            ts: d.t,
            vid,
            sid: d.session,
            order: d.order,
            value: d.value,
            currency: 'EUR',
          },
        ],
      });
    const status = d.kind === 'backend' ? 'paid' : d.kind === 'refund' ? 'refunded' : 'cancelled';
    return post(
      '/ingest/orders',
      {
        site: SITE,
        order: d.order,
        ...(d.value !== undefined && d.kind !== 'cancel' ? { value: d.value } : {}),
        currency: 'EUR',
        ts: d.t,
        ...(d.session ? { vid, sid: d.session } : {}),
        ...(status === 'paid' ? {} : { status }),
      },
      `Bearer ${key}`,
    );
  };

  it('holds orders, revenue and coverage to the recount at each checkpoint', async () => {
    const checkpoints = [0.5, 1.1, 1.6, 2.05, 2.5, 3.0, 3.4, 4.3].map((h) => START + Math.round(h * HOUR));
    const delivered: Delivery[] = [];
    let withBoth = 0;
    let withBackendOnly = 0;
    for (const d of [...deliveries, { at: Number.POSITIVE_INFINITY } as Delivery]) {
      while (checkpoints.length && d.at > checkpoints[0]) {
        simulatedNow = checkpoints.shift() as number;
        await waitUntilProcessed(redis, cartpulse.context.partitions, cartpulse.options.group);
        const snapshot = (await getSnapshot(cartpulse.url, SITE)) as Snapshot;
        const when = new Date(simulatedNow).toISOString();
        expect(numbersOf(snapshot), when).toEqual(recountOrders(delivered, simulatedNow, cartpulse.options));
        if ((snapshot.ecommerce.coverage?.window.both ?? 0) > 0) withBoth++;
        if (Object.keys(snapshot.ecommerce.coverage?.window.backendOnlyRevenue ?? {}).length)
          withBackendOnly++;
      }
      if (!Number.isFinite(d.at)) break;
      simulatedNow = d.at;
      await deliver(d);
      delivered.push(d);
    }
    expect(withBoth).toBeGreaterThan(3);
    expect(withBackendOnly).toBeGreaterThan(3);
    redis.disconnect();
  }, 180_000);
});
