import { describe, expect, it } from 'vitest';
import { html, text } from '../testing/render.js';
import { CreatedLink } from './Shares.js';

describe('CreatedLink', () => {
  const url = 'https://stats.example/share/cps_a_b';

  it('shows the new link once, as it is', () => {
    const markup = html(<CreatedLink url={url} filter={null} />);
    expect(markup).toContain(`<output data-share-url="true">${url}</output>`);
    expect(markup).not.toContain('data-share-url-filtered');
  });

  it('offers the same link narrowed by the filter on screen', () => {
    const markup = html(<CreatedLink url={url} filter={{ dimension: 'channel', value: 'Organic Search' }} />);
    expect(markup).toContain(`<output data-share-url="true">${url}</output>`);
    expect(text(markup)).toContain(
      `Showing only Channel: Organic Search: ${url}#filter=channel:Organic%20Search`,
    );
  });
});
