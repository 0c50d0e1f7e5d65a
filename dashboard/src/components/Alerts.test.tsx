import { describe, expect, it } from 'vitest';
import { HttpError } from '../api.js';
import { alertEntry } from '../testing/alerts.js';
import { elementWith, html, renderKeeping, text } from '../testing/render.js';
import { SAMPLE_AT } from '../testing/sample.js';
import { Alerts } from './Alerts.js';

const api = (removeAlert: (id: string) => Promise<void>) => ({
  addAlert: async () => {
    throw new Error('not in this test');
  },
  removeAlert,
});

describe('Alerts', () => {
  const alerts = [
    alertEntry('a', {
      state: 'failing',
      firing: true,
      lastDelivery: {
        state: 'firing',
        at: SAMPLE_AT - 60_000,
        ok: false,
        attempts: 5,
        status: 500,
        error: 'HTTP 500',
      },
    }),
    alertEntry('b', {
      kind: 'drop',
      metric: 'orders',
      percent: 50,
      format: 'json',
      detail: 'no data for the same hour last week yet',
    }),
  ];

  it('lists the rules with their states, the webhook by host only, and the last delivery', () => {
    const markup = html(
      <Alerts
        api={api(async () => {})}
        site="demo-shop"
        alerts={alerts}
        serverNow={SAMPLE_AT}
        onChanged={() => {}}
      />,
    );
    const shown = text(markup);
    expect(shown).toContain('Alerts for demo-shop · 2 rules, 1 firing');
    expect(markup).toContain('data-alert-id="a" data-state="failing"');
    expect(shown).toContain('→ hooks.slack.com (slack) · last firing failed (HTTP 500) 1 min ago');
    expect(shown).toContain('orders in the last hour below 50 % of the same hour last week');
    expect(shown).toContain('no data for the same hour last week yet');
    expect(markup).not.toContain('secret');
    expect(markup).toContain('Add an alert');
  });

  it('removes a rule (one already gone counts as removed)', async () => {
    const removed: string[] = [];
    let changed = 0;
    const { elements } = renderKeeping(
      <Alerts
        api={api(async (id) => {
          removed.push(id);
          throw new HttpError(404, 'unknown alert');
        })}
        site="demo-shop"
        alerts={alerts}
        serverNow={SAMPLE_AT}
        onChanged={() => changed++}
      />,
    );
    const row = elementWith(elements, 'data-alert-id', 'b');
    const button = elements.find(
      (element) => element.type === 'button' && (row.props.children as unknown[]).flat().includes(element),
    );
    await (button?.props.onClick as () => Promise<void>)();
    expect(removed).toEqual(['b']);
    expect(changed).toBe(1);
  });
});
