import { describe, expect, it } from 'vitest';
import type { Api } from '../api.js';
import type { Filter } from '../snapshot.js';
import { elementWith, html, metricValue, renderKeeping, text } from '../testing/render.js';
import { SAMPLE_AT, sampleSnapshot } from '../testing/sample.js';
import { alertEntry } from '../testing/alerts.js';
import { page, site } from '../testing/sites.js';
import { Dashboard, type DashboardProps } from './Dashboard.js';
import { SignIn } from './SignIn.js';

const props = (overrides: Partial<DashboardProps> = {}): DashboardProps => ({
  readOnly: false,
  api: {} as Api,
  directory: page(['demo-shop', 'other-shop']),
  site: site('demo-shop'),
  onSite: () => {},
  refused: [],
  onSitesChanged: () => {},
  snapshot: sampleSnapshot(),
  filter: null,
  onFilter: () => {},
  serverNow: SAMPLE_AT,
  status: 'live',
  updatedAt: SAMPLE_AT,
  now: SAMPLE_AT + 2000,
  origin: 'http://127.0.0.1:8787',
  onSignOut: () => {},
  locale: 'en-US',
  ...overrides,
});

describe('Dashboard', () => {
  it('shows every part of the live view for a populated snapshot', () => {
    const markup = html(<Dashboard {...props()} />);
    for (const metric of [
      'activeUsers',
      'activeSessions',
      'pageviews',
      'orders',
      'revenue',
      'conversionRate',
    ])
      expect(metricValue(markup, metric), metric).toBeDefined();
    const shown = text(markup);
    for (const part of [
      'Top pages',
      'Top products',
      'Funnel',
      'Live feed',
      'per minute',
      'Today since 00:00 (UTC)',
      'Sessions by hour',
      'Live · updated 2 s ago',
    ])
      expect(shown).toContain(part);
    expect(markup.indexOf('data-today=')).toBeLessThan(markup.indexOf('chart-heading'));
    expect(markup).toContain('data-hour-metric="revenue"');
    expect(markup).toContain('<select');
    expect(shown).toContain('Sign out');
    expect(shown).toContain('Share links for demo-shop');
    expect(shown).toContain('Sites · 2 registered');
  });

  it("shows the site's firing alerts above the numbers, and its Alerts panel, to the collector token only", () => {
    const alerts = [
      alertEntry('on', { state: 'firing', firing: true, since: SAMPLE_AT - 60_000 }),
      alertEntry('elsewhere', { site: 'other-shop', state: 'firing', firing: true }),
    ];
    const markup = html(<Dashboard {...props({ alerts })} />);
    expect(markup).toContain('data-alert-firing="on"');
    // a list still of the site shown before does not show
    expect(markup).not.toContain('data-alert-firing="elsewhere"');
    expect(markup.indexOf('data-alert-firing')).toBeLessThan(markup.indexOf('data-metric'));
    expect(text(markup)).toContain('Alerts for demo-shop · 1 rule, 1 firing');
    const shared = html(<Dashboard {...props({ alerts, readOnly: true })} />);
    expect(shared).not.toContain('data-alert-firing');
    expect(text(shared)).not.toContain('Alerts for');
  });

  it('renders an older snapshot without breakdowns or filter, leaving the breakdown panels out', () => {
    const snapshot = sampleSnapshot();
    delete snapshot.breakdowns;
    delete snapshot.filter;
    const markup = html(<Dashboard {...props({ snapshot })} />);
    expect(metricValue(markup, 'pageviews')).toBe('1234');
    expect(text(markup)).toContain('Top pages');
    expect(text(markup)).not.toContain('Traffic sources');
    expect(markup).not.toContain('data-breakdown');
  });

  it('shows the breakdowns, and a clicked row filters the whole view', () => {
    const chosen: (Filter | null)[] = [];
    const { markup, elements } = renderKeeping(
      <Dashboard {...props({ onFilter: (filter) => chosen.push(filter) })} />,
    );
    expect(text(markup)).toContain('🇩🇪Germany');
    for (const dimension of ['channel', 'country', 'device', 'entry'])
      expect(markup).toContain(`data-breakdown="${dimension}"`);
    expect(markup).not.toContain('data-filter=');
    (elementWith(elements, 'title', 'Show only Channel: Email').props.onClick as () => void)();
    expect(chosen).toEqual([{ dimension: 'channel', value: 'Email' }]);
  });

  it('shows the filter as a removable chip above the numbers, and the filtered numbers', () => {
    const filter = { dimension: 'channel' as const, value: 'Email' };
    const chosen: (Filter | null)[] = [];
    const snapshot = sampleSnapshot({
      filter,
      breakdowns: undefined,
      pageviews: 7,
      today: null,
      yesterday: null,
      lastWeek: null,
      hours: null,
    });
    const { markup, elements } = renderKeeping(
      <Dashboard {...props({ snapshot, filter, onFilter: (next) => chosen.push(next) })} />,
    );
    const shown = text(markup);
    expect(shown.indexOf('Channel: Email')).toBeLessThan(shown.indexOf('Active users'));
    expect(metricValue(markup, 'pageviews')).toBe('7');
    expect(shown).not.toContain('did not apply');
    expect(shown).toContain('remove the filter to see them');
    expect(shown).toContain("Today's numbers are for the whole site");
    expect(shown).not.toContain('by hour');
    (elementWith(elements, 'aria-label', 'Remove filter Channel: Email').props.onClick as () => void)();
    expect(chosen).toEqual([null]);
  });

  it('marks the numbers as updating until the filtered snapshot arrives, and says when it was not applied', () => {
    const filter = { dimension: 'country' as const, value: 'DE' };
    const updating = html(<Dashboard {...props({ filter, updating: true })} />);
    expect(updating).toContain('aria-busy="true"');
    expect(text(updating)).toContain('Loading…');
    const ignored = text(
      html(<Dashboard {...props({ filter, snapshot: sampleSnapshot({ filter: null }) })} />),
    );
    expect(ignored).toContain('Country: Germany');
    expect(ignored).toContain('did not apply the filter');
  });

  it('says why a filter was dropped', () => {
    const filterProblem =
      'Could not show only Channel: Email: filters need breakdowns. Showing all sessions.';
    const markup = html(<Dashboard {...props({ filterProblem })} />);
    expect(markup).toMatch(/role="alert"[^>]*>Could not show only Channel: Email/);
    expect(markup).not.toContain('data-filter=');
  });

  it('shows page paths decoded, as text', () => {
    const snapshot = sampleSnapshot({
      topPages: [{ path: '/%3Cimg%20src=x%20onerror=alert(1)%3E', views: 1 }],
    });
    const markup = html(<Dashboard {...props({ snapshot })} />);
    expect(text(markup)).toContain('/<img src=x onerror=alert(1)>');
    expect(markup).not.toContain('<img');
  });

  it('offers no switcher for one site, and no sign-out, sharing or site management on a share view', () => {
    const refused = [{ site: 'typo-shop', events: 3, lastAt: SAMPLE_AT }];
    const markup = html(
      <Dashboard {...props({ readOnly: true, directory: page(['demo-shop']), refused })} />,
    );
    expect(markup).not.toContain('<select');
    expect(markup).toContain('read-only');
    expect(text(markup)).not.toContain('Sign out');
    expect(text(markup)).not.toContain('Share links');
    expect(text(markup)).not.toContain('Sites ·');
    expect(text(markup)).not.toContain('typo-shop');
  });

  it('shows the add-site form, open, when no site is registered yet', () => {
    const markup = html(<Dashboard {...props({ site: null, directory: page([]), snapshot: null })} />);
    expect(markup).toMatch(/<details[^>]*class="panel sites"[^>]*open/);
    expect(markup).toContain('name="id"');
    expect(text(markup)).toContain('No site is registered yet');
    expect(text(markup)).not.toContain('Loading sites');
    expect(text(markup)).not.toContain('Registered sites');
  });

  it('says "loading" before the directory arrives and "waiting" before the first snapshot', () => {
    const loading = html(<Dashboard {...props({ site: null, directory: null, snapshot: null })} />);
    expect(text(loading)).toContain('Loading sites…');
    expect(loading).not.toContain('name="id"');
    expect(text(html(<Dashboard {...props({ snapshot: null })} />))).toContain(
      'Waiting for the first numbers',
    );
  });

  it('names refused ids in a banner above the numbers', () => {
    const refused = [{ site: 'my-shop', events: 12, lastAt: SAMPLE_AT - 180_000 }];
    const shown = text(html(<Dashboard {...props({ refused })} />));
    expect(shown).toContain('Events for my-shop were refused: register it.');
    expect(shown.indexOf('my-shop were refused')).toBeLessThan(shown.indexOf('Active users'));
  });
});

describe('SignIn', () => {
  it('asks for the token in a password field and shows why it asks again', () => {
    const markup = html(<SignIn problem="That token was not accepted." onSignIn={() => {}} />);
    expect(markup).toContain('type="password"');
    expect(markup).toContain('role="alert"');
    expect(text(markup)).toContain('That token was not accepted.');
  });
});
