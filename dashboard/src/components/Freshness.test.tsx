import { describe, expect, it } from 'vitest';
import { html, text } from '../testing/render.js';
import { Freshness } from './Freshness.js';

describe('Freshness', () => {
  it('says whether the view is live and how old the numbers are', () => {
    expect(text(html(<Freshness status="live" updatedAt={10_000} now={13_500} />))).toBe(
      'Live · updated 3 s ago',
    );
    expect(text(html(<Freshness status="polling" updatedAt={10_000} now={70_000} />))).toBe(
      'Reconnecting (polling) · updated 1 min ago',
    );
    expect(text(html(<Freshness status="connecting" updatedAt={null} now={0} />))).toBe('Connecting…');
  });

  it('exposes the state for automation', () => {
    const markup = html(<Freshness status="offline" updatedAt={5} now={6} />);
    expect(markup).toContain('data-status="offline"');
    expect(markup).toContain('data-updated-at="5"');
  });
});
