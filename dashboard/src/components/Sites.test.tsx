import { describe, expect, it } from 'vitest';
import type { Api } from '../api.js';
import { html, text } from '../testing/render.js';
import { page } from '../testing/sites.js';
import { Sites } from './Sites.js';

const api = {} as Pick<Api, 'sites' | 'addSite' | 'removeSite'>;
const props = { api, origin: 'https://stats.example', prefill: null, onChanged: () => {}, locale: 'en-US' };

describe('Sites', () => {
  it('is folded away, with the count, once sites are registered', () => {
    const markup = html(<Sites {...props} directory={page(['a', 'b'], 1234)} />);
    expect(markup).toMatch(/<details class="panel sites">/);
    expect(text(markup)).toContain('Sites · 1,234 registered');
    expect(markup).toContain('name="id"');
    expect(text(markup)).toContain('Registered sites');
  });

  it('opens on the add-site form, explained, when no site is registered', () => {
    const markup = html(<Sites {...props} directory={page([])} />);
    expect(markup).toMatch(/<details[^>]*open/);
    expect(text(markup)).toContain('No site is registered yet');
    expect(text(markup)).not.toContain('Registered sites');
  });
});
