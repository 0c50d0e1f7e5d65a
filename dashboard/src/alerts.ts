/**
 * Alert rules as the collector answers them (`GET /api/alerts`, docs/protocol.md, "Alerts"), held to the
 * collector's own types at compile time (alerts.test.ts), and the add form's fields turned into a rule.
 */
import type { Checked } from './site-form.js';

export const HOURLY_METRICS = ['visitors', 'orders', 'revenue'] as const;
export const HEADLINE_METRICS = [
  'activeUsers',
  'activeSessions',
  'pageviews',
  'orders',
  'revenue',
  'conversionRate',
  'averageOrderValue',
] as const;
export type HourlyMetric = (typeof HOURLY_METRICS)[number];
export type HeadlineMetric = (typeof HEADLINE_METRICS)[number];

interface Common {
  site: string;
  webhook: string;
  format: 'json' | 'slack';
}

/** The body of `POST /api/alerts`, every field given. */
export type AlertRuleInput =
  | (Common & { kind: 'no_orders'; minutes: number; minAddToCarts: number })
  | (Common & { kind: 'drop'; metric: HourlyMetric; percent: number; currency?: string })
  | (Common & { kind: 'spike'; metric: HourlyMetric; percent: number; currency?: string })
  | (Common & {
      kind: 'threshold';
      metric: HeadlineMetric;
      above?: number;
      below?: number;
      minutes: number;
      currency?: string;
    });
export type AlertKind = AlertRuleInput['kind'];

export type AlertRule = AlertRuleInput & { id: string; createdAt: number };

export interface LastDelivery {
  state: 'firing' | 'resolved';
  at: number;
  ok: boolean;
  attempts: number;
  status: number | null;
  error: string | null;
}

export interface AlertStatus {
  state: 'ok' | 'firing' | 'failing';
  firing: boolean;
  since: number | null;
  value: number | null;
  baseline: number | null;
  detail: string | null;
  evaluatedAt: number | null;
  lastDelivery: LastDelivery | null;
  pending: number;
}

/** One rule with its state. */
export type AlertEntry = AlertRule & AlertStatus;

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
  format: 'json' | 'slack';
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
