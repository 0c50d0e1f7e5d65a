import type { HeadlineMetric, HourlyMetric } from '@cartpulse/protocol';
import { describe, expect, it } from 'vitest';
import type { Holds, Same } from '../../collector/src/protocol/same.js';
import {
  alertInput,
  blankAlert,
  describeRule,
  HEADLINE_METRICS,
  HOURLY_METRICS,
  webhookHost,
} from './alerts.js';

/** The form offers every metric of the protocol (checked by the typecheck). */
export type FormOffersEveryMetric = [
  Holds<Same<(typeof HOURLY_METRICS)[number], HourlyMetric>>,
  Holds<Same<(typeof HEADLINE_METRICS)[number], HeadlineMetric>>,
];

const webhook = 'https://hooks.example/x';

describe('the add-alert form', () => {
  it("fills the collector's defaults for blank numbers", () => {
    expect(alertInput('shop', { ...blankAlert(), webhook })).toEqual({
      ok: true,
      value: { site: 'shop', webhook, format: 'json', kind: 'no_orders', minutes: 20, minAddToCarts: 5 },
    });
    expect(alertInput('shop', { ...blankAlert(), kind: 'spike', webhook, format: 'slack' })).toEqual({
      ok: true,
      value: { site: 'shop', webhook, format: 'slack', kind: 'spike', metric: 'orders', percent: 200 },
    });
  });

  it('builds a threshold with its direction, and a currency for amounts only', () => {
    const fields = { ...blankAlert(), kind: 'threshold' as const, webhook, limit: '100', currency: 'eur' };
    expect(alertInput('shop', { ...fields, metric: 'revenue', direction: 'above' })).toEqual({
      ok: true,
      value: {
        site: 'shop',
        webhook,
        format: 'json',
        kind: 'threshold',
        metric: 'revenue',
        above: 100,
        minutes: 5,
        currency: 'EUR',
      },
    });
    const users = alertInput('shop', { ...fields, metric: 'activeUsers', limit: '1', minutes: '10' });
    expect(users).toMatchObject({ ok: true, value: { metric: 'activeUsers', below: 1, minutes: 10 } });
    expect(users.ok && 'currency' in users.value).toBe(false);
  });

  it('says what is missing or wrong', () => {
    expect(alertInput('shop', { ...blankAlert(), webhook: 'ftp://x' })).toEqual({
      ok: false,
      problem: 'The webhook must be an http:// or https:// URL.',
    });
    expect(alertInput('shop', { ...blankAlert(), kind: 'threshold', webhook })).toEqual({
      ok: false,
      problem: 'The limit is needed.',
    });
    expect(alertInput('shop', { ...blankAlert(), webhook, minutes: 'soon' })).toEqual({
      ok: false,
      problem: 'Minutes must be a number.',
    });
  });
});

describe('rules in words', () => {
  it('says each kind, and shows a webhook by its host only', () => {
    const base = { id: '0123456789abcdef', site: 'shop', webhook, format: 'json' as const, createdAt: 0 };
    expect(describeRule({ ...base, kind: 'no_orders', minutes: 20, minAddToCarts: 5 })).toBe(
      'No order for 20 min while at least 5 add-to-carts',
    );
    expect(describeRule({ ...base, kind: 'drop', metric: 'visitors', percent: 50 })).toBe(
      'visitors in the last hour below 50 % of the same hour last week',
    );
    expect(
      describeRule({
        ...base,
        kind: 'threshold',
        metric: 'revenue',
        below: 10,
        minutes: 30,
        currency: 'EUR',
      }),
    ).toBe('revenue EUR below 10 for 30 min');
    expect(webhookHost('https://hooks.slack.com/services/T0/B0/secret?x=1')).toBe('hooks.slack.com');
  });
});
