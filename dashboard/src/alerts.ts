/**
 * Alert rules on screen: a rule in words, its webhook without its secret, and the add form's fields turned
 * into the body of `POST /api/alerts`. The wire types are `@cartpulse/protocol`'s (docs/protocol.md,
 * "Alerts").
 */
import type {
  AlertFormat,
  AlertKind,
  AlertRule,
  AlertRuleInput,
  HeadlineMetric,
  HourlyMetric,
} from '@cartpulse/protocol';
import type { Checked } from './site-form.js';

export type { AlertEntry, AlertKind, AlertRule } from '@cartpulse/protocol';

/** What the form offers for drop and spike, in this order. */
export const HOURLY_METRICS = ['visitors', 'orders', 'revenue'] as const satisfies readonly HourlyMetric[];
/** What the form offers for a threshold, in this order. */
export const HEADLINE_METRICS = [
  'activeUsers',
  'activeSessions',
  'pageviews',
  'orders',
  'revenue',
  'conversionRate',
  'averageOrderValue',
] as const satisfies readonly HeadlineMetric[];

/** A rule in a few words, as the collector's notifications say it. */
export function describeRule(rule: AlertRule): string {
  switch (rule.kind) {
    case 'no_orders':
      return `No order for ${rule.minutes} min while at least ${rule.minAddToCarts} add-to-carts`;
    case 'drop':
    case 'spike':
      return `${rule.metric}${rule.currency ? ` ${rule.currency}` : ''} in the last hour ${rule.kind === 'drop' ? 'below' : 'above'} ${rule.percent} % of the same hour last week`;
    case 'threshold': {
      const limit = rule.above !== undefined ? `above ${rule.above}` : `below ${rule.below}`;
      return `${rule.metric}${rule.currency ? ` ${rule.currency}` : ''} ${limit} for ${rule.minutes} min`;
    }
  }
}

/** A webhook without what may be its secret (the path and query of a Slack URL are). */
export function webhookHost(webhook: string): string {
  try {
    return new URL(webhook).host;
  } catch {
    return webhook;
  }
}

/** The add form, as typed. */
export interface AlertFields {
  kind: AlertKind;
  metric: string;
  minutes: string;
  minAddToCarts: string;
  percent: string;
  direction: 'above' | 'below';
  limit: string;
  currency: string;
  webhook: string;
  format: AlertFormat;
}

export const blankAlert = (): AlertFields => ({
  kind: 'no_orders',
  metric: '',
  minutes: '',
  minAddToCarts: '',
  percent: '',
  direction: 'below',
  limit: '',
  currency: '',
  webhook: '',
  format: 'json',
});

/** A number typed in a field; the collector checks its range and says why it refuses one. */
function numberIn(text: string, name: string, fallback?: number): Checked<number> {
  if (text.trim() === '')
    return fallback === undefined
      ? { ok: false, problem: `${name} is needed.` }
      : { ok: true, value: fallback };
  const value = Number(text);
  return Number.isFinite(value) ? { ok: true, value } : { ok: false, problem: `${name} must be a number.` };
}

/** The rule the fields describe, or what is missing. Defaults are the collector's. */
export function alertInput(site: string, fields: AlertFields): Checked<AlertRuleInput> {
  const webhook = fields.webhook.trim();
  if (!/^https?:\/\/[^/\s]/.test(webhook))
    return { ok: false, problem: 'The webhook must be an http:// or https:// URL.' };
  const common = { site, webhook, format: fields.format };
  if (fields.kind === 'no_orders') {
    const minutes = numberIn(fields.minutes, 'Minutes', 20);
    const carts = numberIn(fields.minAddToCarts, 'Add-to-carts', 5);
    if (!minutes.ok) return minutes;
    if (!carts.ok) return carts;
    return {
      ok: true,
      value: { ...common, kind: 'no_orders', minutes: minutes.value, minAddToCarts: carts.value },
    };
  }
  if (fields.kind === 'drop' || fields.kind === 'spike') {
    const metric = fields.metric || 'orders';
    if (!(HOURLY_METRICS as readonly string[]).includes(metric))
      return { ok: false, problem: `A ${fields.kind} compares visitors, orders or revenue.` };
    const percent = numberIn(fields.percent, 'Percent', fields.kind === 'drop' ? 50 : 200);
    if (!percent.ok) return percent;
    return {
      ok: true,
      value: { ...common, kind: fields.kind, metric: metric as HourlyMetric, percent: percent.value },
    };
  }
  const metric = fields.metric || 'activeUsers';
  if (!(HEADLINE_METRICS as readonly string[]).includes(metric))
    return { ok: false, problem: 'Choose a headline number.' };
  const limit = numberIn(fields.limit, 'The limit');
  const minutes = numberIn(fields.minutes, 'Minutes', 5);
  if (!limit.ok) return limit;
  if (!minutes.ok) return minutes;
  const currency = fields.currency.trim().toUpperCase();
  return {
    ok: true,
    value: {
      ...common,
      kind: 'threshold',
      metric: metric as HeadlineMetric,
      ...(fields.direction === 'above' ? { above: limit.value } : { below: limit.value }),
      minutes: minutes.value,
      ...(currency && (metric === 'revenue' || metric === 'averageOrderValue') ? { currency } : {}),
    },
  };
}
