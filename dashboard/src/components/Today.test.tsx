import { describe, expect, it } from 'vitest';
import { decode, html, text } from '../testing/render.js';
import { sampleSnapshot } from '../testing/sample.js';
import { Today } from './Today.js';

/** The `data-value` of each `data-today` element. */
const values = (markup: string) =>
  Object.fromEntries(
    [...markup.matchAll(/data-today="(\w+)" data-value="([^"]*)"/g)].map((m) => [m[1], decode(m[2])]),
  );

/** Each change in order: [vs, trend, ratio, text]. An empty attribute renders bare (`data-change`). */
const changes = (markup: string) =>
  [
    ...markup.matchAll(
      /data-vs="(\w+)" data-trend="(\w+)" data-change(?:="([^"]*)")?[^>]*>(<span class="vs">[^<]*<\/span>)?([^<]*)/g,
    ),
  ].map((m) => [m[1], m[2], m[3] ?? '', text(`${m[4] ?? ''}${m[5]}`).replace(/\u00a0/g, ' ')]);

describe('Today', () => {
  it('carries every number of the day as data-today with the exact value', () => {
    expect(values(html(<Today snapshot={sampleSnapshot()} locale="en-US" />))).toEqual({
      visitors: '25',
      sessions: '27',
      pageviews: '75',
      orders: '2',
      revenue: '{"EUR":75}',
      conversionRate: '0.08',
      averageOrderValue: '{"EUR":37.5}',
    });
  });

  it('shows each number with its change against yesterday and last week', () => {
    const markup = html(<Today snapshot={sampleSnapshot()} locale="en-US" />);
    const shown = changes(markup);
    // visitors 25 against 20 yesterday and 30 last week
    expect(shown.slice(0, 2)).toEqual([
      ['yesterday', 'up', '0.25', '▲ 25 %'],
      ['lastWeek', 'down', '-0.1667', 'vs last week ▼ 17 %'],
    ]);
    expect(shown).toHaveLength(14);
    expect(shown[6]).toEqual(['yesterday', 'flat', '0', '0 %']); // orders 2 and 2
    const page = text(markup);
    expect(page).toContain('€75.00');
    expect(page).toContain('8.0%');
    expect(markup).toContain('title="Yesterday at this time: 20"');
    expect(markup).toContain('title="Last week at this time: €90.00"');
  });

  it("says since when and until when, in the site's time zone", () => {
    const snapshot = sampleSnapshot();
    expect(text(html(<Today snapshot={snapshot} />))).toContain(
      'Today since 00:00 (UTC) · against yesterday until 16:00',
    );
    // Berlin: midnight is 23:00 UTC the day before.
    snapshot.timezone = 'Europe/Berlin';
    snapshot.today = { ...snapshot.today!, since: Date.UTC(2025, 10, 24, 23) };
    snapshot.yesterday = { ...snapshot.yesterday!, until: Date.UTC(2025, 10, 24, 13, 6) };
    expect(text(html(<Today snapshot={snapshot} />))).toContain(
      'since 00:00 (Europe/Berlin) · against yesterday until 14:05',
    );
  });

  it('lists revenue per currency, a currency only yesterday had as a fall, and new for one only today has', () => {
    const snapshot = sampleSnapshot();
    snapshot.today = { ...snapshot.today!, revenue: { USD: 10 }, averageOrderValue: {} };
    snapshot.yesterday = { ...snapshot.yesterday!, revenue: { EUR: 60 } };
    const markup = html(<Today snapshot={snapshot} locale="en-US" />);
    const revenue = markup.slice(
      markup.indexOf('data-today="revenue"'),
      markup.indexOf('data-today="conversionRate"'),
    );
    expect([...revenue.matchAll(/data-currency="(\w+)"/g)].map((m) => m[1])).toEqual(['EUR', 'USD']);
    expect(changes(revenue).map(([vs, trend]) => `${vs}:${trend}`)).toEqual([
      'yesterday:down',
      'lastWeek:down',
      'yesterday:new',
      'lastWeek:new',
    ]);
    const average = markup.slice(
      markup.indexOf('data-today="averageOrderValue"'),
      markup.indexOf('<p class="coverage"'),
    );
    expect(text(average.slice(average.indexOf('>') + 1))).toBe('–');
  });

  it('says — when yesterday and today are both zero', () => {
    const snapshot = sampleSnapshot();
    snapshot.today = { ...snapshot.today!, orders: 0 };
    snapshot.yesterday = { ...snapshot.yesterday!, orders: 0 };
    const markup = html(<Today snapshot={snapshot} locale="en-US" />);
    const orders = markup.slice(
      markup.indexOf('data-today="orders"'),
      markup.indexOf('data-today="revenue"'),
    );
    expect(changes(orders)[0]).toEqual(['yesterday', 'none', '', '—']);
  });

  it("says how many of the backend's orders today browser tracking saw, with data-coverage", () => {
    const markup = html(<Today snapshot={sampleSnapshot()} locale="en-US" />);
    const line =
      /<p class="coverage" data-coverage="today" data-share="([^"]*)" data-value="([^"]*)">([^<]*)</.exec(
        markup,
      );
    expect(line?.[1]).toBe('0.8182');
    expect(JSON.parse(decode(line?.[2] ?? '{}'))).toEqual(sampleSnapshot().ecommerce.coverage?.today);
    expect(decode(line?.[3] ?? '')).toBe(
      "Browser tracking saw 82\u00a0% of today's orders (9 of 11) · €74.50 only the backend saw",
    );
  });

  it('says nothing about coverage when the backend reported no order today, or without coverage', () => {
    const snapshot = sampleSnapshot();
    const none = { browser: 9, backend: 0, both: 0, browserShare: null, backendOnlyRevenue: {} };
    snapshot.ecommerce = { ...snapshot.ecommerce, coverage: { window: none, today: none } };
    expect(html(<Today snapshot={snapshot} />)).not.toContain('data-coverage');
    snapshot.ecommerce = { ...snapshot.ecommerce, coverage: null };
    expect(html(<Today snapshot={snapshot} />)).not.toContain('data-coverage');
    const { coverage: _coverage, ...older } = snapshot.ecommerce;
    snapshot.ecommerce = older as typeof snapshot.ecommerce;
    expect(html(<Today snapshot={snapshot} />)).not.toContain('data-coverage');
  });

  it('says the numbers are for the whole site in a filtered view, and is left out without day numbers', () => {
    const filtered = sampleSnapshot({
      filter: { dimension: 'channel', value: 'Email' },
      today: null,
      yesterday: null,
      lastWeek: null,
      hours: null,
    });
    expect(text(html(<Today snapshot={filtered} />))).toBe(
      "Today's numbers are for the whole site: remove the filter to see them.",
    );
    const older = sampleSnapshot();
    for (const field of ['timezone', 'today', 'yesterday', 'lastWeek', 'hours'] as const) delete older[field];
    expect(html(<Today snapshot={older} />)).toBe('');
  });
});
