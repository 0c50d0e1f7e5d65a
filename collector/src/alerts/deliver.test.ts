import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { resolveOptions } from '../config.js';
import { postWebhook } from './deliver.js';
import { bodyOf, defaultAlertSecret, payloadOf, redactWebhook } from './payload.js';
import type { AlertRule } from './rules.js';
import { startReceiver, verifySignature } from './test-receiver.js';

const rule: AlertRule = {
  id: '0123456789abcdef',
  site: 'demo-shop',
  kind: 'no_orders',
  minutes: 20,
  minAddToCarts: 5,
  webhook: 'https://hooks.example/x?key=secret',
  format: 'json',
  createdAt: 1_764_000_000_000,
};
const firing = { state: 'firing' as const, value: 7, baseline: null, at: 1_764_086_400_000 };

describe('the payloads', () => {
  it('names the site, the rule (without its webhook), the state, the numbers and the dashboard', () => {
    expect(payloadOf(rule, firing, 'https://stats.example/')).toEqual({
      site: 'demo-shop',
      rule: { id: rule.id, kind: 'no_orders', minutes: 20, minAddToCarts: 5, createdAt: rule.createdAt },
      state: 'firing',
      value: 7,
      baseline: null,
      at: firing.at,
      dashboardUrl: 'https://stats.example/?site=demo-shop',
    });
  });

  it('says it in one line of text for Slack', () => {
    const slack = { ...rule, format: 'slack' as const };
    expect(JSON.parse(bodyOf(slack, payloadOf(slack, firing, 'https://stats.example')))).toEqual({
      text: ':rotating_light: demo-shop: no order for 20 min while at least 5 add-to-carts (now 7). https://stats.example/?site=demo-shop',
    });
  });

  it('derives the default secret from the token as documented', () => {
    const documented = createHmac('sha256', 'my-token').update('cartpulse alert signature v1').digest('hex');
    expect(defaultAlertSecret('my-token')).toBe(documented);
    expect(resolveOptions({ token: 'my-token' }).alertSecret).toBe(documented);
    expect(resolveOptions({ token: 'my-token', alertSecret: 'own' }).alertSecret).toBe('own');
  });

  it('shows webhooks without their secrets', () => {
    expect(redactWebhook('https://hooks.slack.com/services/T0/B0/XYZ?x=1')).toBe('https://hooks.slack.com/…');
  });
});

describe('one delivery attempt', async () => {
  const receiver = await startReceiver();
  receiver.answer = (_, request) =>
    request.path === '/down' ? 503 : request.path === '/gone' ? 410 : request.path === '/slow' ? 'hang' : 204;
  const body = bodyOf(rule, payloadOf(rule, firing, 'https://stats.example'));

  it('is signed: the receiver verifies X-Cartpulse-Signature, and a wrong secret fails the check', async () => {
    expect(await postWebhook(receiver.url('/ok'), body, { secret: 'deployment-secret' })).toEqual({
      ok: true,
      retry: false,
      status: 204,
      error: null,
    });
    const request = receiver.received.at(-1);
    expect(request?.body).toBe(body);
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['user-agent']).toMatch(/^Cartpulse-Alerts\//);
    const signature = request?.headers['x-cartpulse-signature'] as string;
    expect(signature).toMatch(/^[0-9a-f]{64}$/);
    expect(verifySignature('deployment-secret', request?.body ?? '', signature)).toBe(true);
    expect(verifySignature('another-secret', request?.body ?? '', signature)).toBe(false);
    expect(verifySignature('deployment-secret', `${request?.body} `, signature)).toBe(false);
  });

  it('is worth retrying after a 5xx, a timeout or a network error, not after a 4xx', async () => {
    const secret = 's';
    expect(await postWebhook(receiver.url('/down'), body, { secret })).toEqual({
      ok: false,
      retry: true,
      status: 503,
      error: 'HTTP 503',
    });
    expect(await postWebhook(receiver.url('/gone'), body, { secret })).toMatchObject({
      ok: false,
      retry: false,
    });
    const started = Date.now();
    expect(await postWebhook(receiver.url('/slow'), body, { secret, timeoutMs: 300 })).toEqual({
      ok: false,
      retry: true,
      status: null,
      error: 'timed out after 0.3 s',
    });
    expect(Date.now() - started).toBeLessThan(3_000);
    const closed = await postWebhook('http://127.0.0.1:9/x?key=secret', body, { secret });
    expect(closed).toMatchObject({ ok: false, retry: true, status: null });
    expect(closed.error).not.toContain('secret');
  });
});
