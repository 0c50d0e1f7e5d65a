import { describe, expect, it } from 'vitest';
import type { Api } from '../api.js';
import { html, metricValue, text } from '../testing/render.js';
import { SAMPLE_AT, sampleSnapshot } from '../testing/sample.js';
import { Dashboard, type DashboardProps } from './Dashboard.js';
import { SignIn } from './SignIn.js';

const props = (overrides: Partial<DashboardProps> = {}): DashboardProps => ({
  readOnly: false,
  api: {} as Api,
  sites: ['demo-shop', 'other-shop'],
  site: 'demo-shop',
  onSite: () => {},
  snapshot: sampleSnapshot(),
  serverNow: SAMPLE_AT,
  status: 'live',
  updatedAt: SAMPLE_AT,
  now: SAMPLE_AT + 2000,
  origin: 'http://127.0.0.1:8787',
  onSignOut: () => {},
  loading: false,
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
      'Live · updated 2 s ago',
    ])
      expect(shown).toContain(part);
    expect(markup).toContain('<select');
    expect(shown).toContain('Sign out');
    expect(shown).toContain('Share links for demo-shop');
  });

  it('shows page paths decoded, as text', () => {
    const snapshot = sampleSnapshot({
      topPages: [{ path: '/%3Cimg%20src=x%20onerror=alert(1)%3E', views: 1 }],
    });
    const markup = html(<Dashboard {...props({ snapshot })} />);
    expect(text(markup)).toContain('/<img src=x onerror=alert(1)>');
    expect(markup).not.toContain('<img');
  });

  it('offers no switcher for one site, and no sign-out or sharing on a read-only share view', () => {
    const markup = html(<Dashboard {...props({ readOnly: true, sites: ['demo-shop'] })} />);
    expect(markup).not.toContain('<select');
    expect(markup).toContain('read-only');
    expect(text(markup)).not.toContain('Sign out');
    expect(text(markup)).not.toContain('Share links');
  });

  it('explains an empty installation and a pending first snapshot', () => {
    expect(text(html(<Dashboard {...props({ site: null, sites: [], snapshot: null })} />))).toContain(
      'No site has sent events yet',
    );
    expect(text(html(<Dashboard {...props({ snapshot: null })} />))).toContain(
      'Waiting for the first numbers',
    );
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
