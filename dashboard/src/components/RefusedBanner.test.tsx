import { describe, expect, it } from 'vitest';
import { html, text } from '../testing/render.js';
import { SAMPLE_AT } from '../testing/sample.js';
import { RefusedBanner } from './RefusedBanner.js';

const refused = (site: string, events = 1, agoMs = 60_000) => ({ site, events, lastAt: SAMPLE_AT - agoMs });

describe('RefusedBanner', () => {
  it('names each refused id with a Register button, counts and times on the server clock', () => {
    const markup = html(
      <RefusedBanner
        refused={[refused('my-shop', 1234, 180_000), refused('typo', 1, 5_000)]}
        serverNow={SAMPLE_AT}
        onRegister={() => {}}
        locale="en-US"
      />,
    );
    const shown = text(markup);
    expect(shown).toContain('Events for my-shop were refused: register it.');
    expect(shown).toContain('1,234 events, last 3 min ago');
    expect(shown).toContain('1 event, last 5 s ago');
    expect(markup).toMatch(/<code>my-shop<\/code>/);
    expect(markup.match(/>Register<\/button>/g)).toHaveLength(2);
    expect(markup).toContain('data-refused="typo"');
  });

  it('folds all but the newest few away', () => {
    const many = Array.from({ length: 10 }, (_, i) => refused(`shop-${i}`));
    const markup = html(<RefusedBanner refused={many} serverNow={SAMPLE_AT} onRegister={() => {}} />);
    expect(markup.match(/data-refused=/g)).toHaveLength(10);
    expect(text(markup)).toContain('7 more refused ids');
    expect(markup.indexOf('shop-2')).toBeLessThan(markup.indexOf('<details'));
    expect(markup.indexOf('shop-3')).toBeGreaterThan(markup.indexOf('<details'));
  });

  it('renders nothing when no event was refused', () => {
    expect(html(<RefusedBanner refused={[]} serverNow={SAMPLE_AT} onRegister={() => {}} />)).toBe('');
  });

  it('shows a hostile id as text', () => {
    const markup = html(
      <RefusedBanner refused={[refused('<img src=x>')]} serverNow={SAMPLE_AT} onRegister={() => {}} />,
    );
    expect(markup).not.toContain('<img');
  });
});
