import { describe, expect, it } from 'vitest';
import { alertEntry } from '../testing/alerts.js';
import { html, text } from '../testing/render.js';
import { SAMPLE_AT } from '../testing/sample.js';
import { AlertBanner } from './AlertBanner.js';

describe('AlertBanner', () => {
  it('shows the firing rules, since when and what was counted; a failing webhook says so', () => {
    const markup = html(
      <AlertBanner
        serverNow={SAMPLE_AT}
        alerts={[
          alertEntry('a', {
            state: 'firing',
            firing: true,
            since: SAMPLE_AT - 180_000,
            detail: '7 add-to-carts',
          }),
          alertEntry('b'),
          alertEntry('c', { state: 'failing', firing: true, since: SAMPLE_AT - 5_000 }),
        ]}
      />,
    );
    expect(markup).toContain('data-alert-firing="a"');
    expect(markup).not.toContain('data-alert-firing="b"');
    const shown = text(markup);
    expect(shown).toContain(
      'No order for 20 min while at least 5 add-to-carts started 3 min ago · 7 add-to-carts',
    );
    expect(shown).toContain('its webhook is failing');
    expect(markup).toContain('role="alert"');
  });

  it('renders nothing while nothing fires', () => {
    expect(html(<AlertBanner serverNow={SAMPLE_AT} alerts={[alertEntry('a')]} />)).toBe('');
  });
});
