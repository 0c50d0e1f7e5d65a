/**
 * What a webhook receives, pure: the generic JSON payload or a Slack-compatible `{"text": …}`, the
 * `X-Cartpulse-Signature` over the exact bytes sent, the default signing secret, and rules in words.
 */
import { createHmac } from 'node:crypto';
import type { AlertRule } from './rules.js';
import type { Notification } from './state.js';

/** A rule as a payload names it: everything but the site (said beside it), the webhook and the format. */
export type PayloadRule = Omit<AlertRule, 'site' | 'webhook' | 'format'>;

/** The body of a `json` webhook (docs/protocol.md, "Alerts"). */
export interface AlertPayload {
  site: string;
  rule: PayloadRule;
  state: 'firing' | 'resolved';
  value: number | null;
  baseline: number | null;
  /** When the episode started (firing) or ended (resolved), epoch ms: the same on every retry. */
  at: number;
  /** The site's dashboard. */
  dashboardUrl: string;
}

export function payloadOf(rule: AlertRule, notification: Notification, publicUrl: string): AlertPayload {
  const { site, webhook: _webhook, format: _format, ...named } = rule;
  return {
    site,
    rule: named,
    state: notification.state,
    value: notification.value,
    baseline: notification.baseline,
    at: notification.at,
    dashboardUrl: `${publicUrl.replace(/\/+$/, '')}/?site=${encodeURIComponent(site)}`,
  };
}

/** The bytes sent: the payload as JSON, or for `slack` one line of text with the dashboard's address. */
export function bodyOf(rule: AlertRule, payload: AlertPayload): string {
  if (rule.format === 'json') return JSON.stringify(payload);
  return JSON.stringify({ text: slackText(rule, payload) });
}

export function slackText(rule: AlertRule, payload: AlertPayload): string {
  const value = payload.value === null ? '' : ` (now ${payload.value}`;
  const baseline = payload.baseline === null ? '' : `, same hour last week ${payload.baseline}`;
  const numbers = value ? `${value}${baseline})` : '';
  return payload.state === 'firing'
    ? `:rotating_light: ${rule.site}: ${describeRule(rule)}${numbers}. ${payload.dashboardUrl}`
    : `:white_check_mark: ${rule.site}: resolved, ${describeRule(rule)} no longer holds${numbers}. ${payload.dashboardUrl}`;
}

/** A rule in a few words: "no order for 20 min while at least 5 add-to-carts". */
export function describeRule(rule: AlertRule): string {
  switch (rule.kind) {
    case 'no_orders':
      return `no order for ${rule.minutes} min while at least ${rule.minAddToCarts} add-to-carts`;
    case 'drop':
    case 'spike': {
      const currency = rule.currency ? ` ${rule.currency}` : '';
      const side = rule.kind === 'drop' ? 'below' : 'above';
      return `${rule.metric}${currency} in the last hour ${side} ${rule.percent} % of the same hour last week`;
    }
    case 'threshold': {
      const limit = rule.above !== undefined ? `above ${rule.above}` : `below ${rule.below}`;
      const currency = rule.currency ? ` ${rule.currency}` : '';
      return `${rule.metric}${currency} ${limit} for ${rule.minutes} min`;
    }
  }
}

/** `X-Cartpulse-Signature`: hex HMAC-SHA256 of the raw body, keyed with the deployment's alert secret. */
export const signatureOf = (secret: string, body: string) =>
  createHmac('sha256', secret).update(body, 'utf8').digest('hex');

/**
 * The alert secret when `CARTPULSE_ALERT_SECRET` is not set: hex HMAC-SHA256 of the text
 * `cartpulse alert signature v1`, keyed with the collector token. Every collector of a deployment shares
 * the token, so all sign alike, and the token itself never leaves the deployment.
 */
export const defaultAlertSecret = (token: string) =>
  createHmac('sha256', token).update('cartpulse alert signature v1').digest('hex');

/**
 * A webhook as logs and the CLI show it: scheme and host only. Query strings (and, for Slack's
 * `hooks.slack.com/services/…`, paths) carry the receiver's secret.
 */
export function redactWebhook(webhook: string): string {
  try {
    const url = new URL(webhook);
    return `${url.protocol}//${url.host}/…`;
  } catch {
    return '(not a URL)';
  }
}
