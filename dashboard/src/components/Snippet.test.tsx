import { describe, expect, it } from 'vitest';
import { html, text } from '../testing/render.js';
import { site } from '../testing/sites.js';
import { Snippet } from './Snippet.js';

describe('Snippet', () => {
  it('shows the script tag for the site, as text, with a copy button', () => {
    const markup = html(
      <Snippet site={site('my-shop', { name: 'My Shop' })} origin="https://stats.example" />,
    );
    expect(markup).not.toContain('<script');
    expect(text(markup)).toContain(
      '<script defer src="https://stats.example/cp.js" data-site="my-shop"></script>',
    );
    expect(text(markup)).toContain('every page of My Shop (my-shop)');
    expect(markup).toContain('data-snippet="my-shop"');
    expect(text(markup)).toContain('Copy snippet');
    expect(markup).toContain('role="status"');
  });
});
