/** Test helper: alert rules with their states, as `GET /api/alerts` answers them. */
import type { AlertEntry } from '../alerts.js';
import { SAMPLE_AT } from './sample.js';

/** `overrides` may change the kind, and with it the fields of the rule. */
export const alertEntry = (
  id: string,
  overrides: Partial<AlertEntry> | Record<string, unknown> = {},
): AlertEntry =>
  ({
    id,
    site: 'demo-shop',
    kind: 'no_orders',
    minutes: 20,
    minAddToCarts: 5,
    webhook: 'https://hooks.slack.com/services/T0/B0/secret',
    format: 'slack',
    createdAt: SAMPLE_AT - 3_600_000,
    state: 'ok',
    firing: false,
    since: null,
    value: null,
    baseline: null,
    detail: null,
    evaluatedAt: SAMPLE_AT - 5_000,
    lastDelivery: null,
    pending: 0,
    ...overrides,
  }) as AlertEntry;
