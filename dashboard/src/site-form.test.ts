import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { SiteIdSchema } from '../../collector/src/protocol/schema.js';
import { parseOrigins, SITE_ID_PATTERN, siteInput, snippetFor, timeZoneNames } from './site-form.js';

const fields = (overrides = {}) => ({ id: 'my-shop', name: '', timezone: '', origins: '', ...overrides });

describe('site form rules', () => {
  it("accepts and refuses the same ids as the collector's SiteIdSchema", () => {
    const samples = [
      'my-shop',
      'a',
      'A.b_c:d-e',
      '9',
      'x'.repeat(64),
      'x'.repeat(65),
      '-shop',
      '.a',
      'my shop',
      'é',
      'a/b',
      '',
    ];
    // As the browser compiles a `pattern` attribute: anchored, with the `v` flag.
    const pattern = new RegExp(`^(?:${SITE_ID_PATTERN})$`, 'v');
    for (const id of samples) {
      const collector = v.safeParse(SiteIdSchema, id).success;
      expect(siteInput(fields({ id })).ok, id).toBe(collector);
      expect(pattern.test(id), id).toBe(collector);
    }
  });

  it('leaves empty fields out, so the collector applies its defaults', () => {
    expect(siteInput(fields({ id: ' my-shop ', name: '  ' }))).toEqual({
      ok: true,
      value: { id: 'my-shop' },
    });
    expect(
      siteInput(fields({ name: 'My Shop', timezone: 'Europe/Berlin', origins: 'https://shop.example' })),
    ).toEqual({
      ok: true,
      value: { id: 'my-shop', name: 'My Shop', timezone: 'Europe/Berlin', origins: ['https://shop.example'] },
    });
  });

  it('reads origins one per line, as pasted from an address bar', () => {
    expect(parseOrigins('https://Shop.example/\n\n  http://localhost:8788 \r\nhttps://shop.example')).toEqual(
      {
        ok: true,
        value: ['https://shop.example', 'http://localhost:8788'],
      },
    );
    expect(parseOrigins('')).toEqual({ ok: true, value: [] });
  });

  it('refuses what a browser never sends as an origin, naming the line', () => {
    for (const wrong of [
      'shop.example',
      'https://shop.example/checkout',
      'https://shop.example/?a=1',
      'ftp://shop.example',
      'localhost:8080',
    ]) {
      const checked = parseOrigins(`https://ok.example\n${wrong}`);
      expect(checked.ok, wrong).toBe(false);
      if (!checked.ok) expect(checked.problem).toContain(`"${wrong}"`);
    }
    expect(siteInput(fields({ origins: 'shop.example' })).ok).toBe(false);
  });

  it('writes the snippet for the collector the dashboard is served from', () => {
    expect(snippetFor('https://stats.example', 'my-shop')).toBe(
      '<script defer src="https://stats.example/cp.js" data-site="my-shop"></script>',
    );
  });

  it('lists time zones with UTC first, once', () => {
    const zones = timeZoneNames();
    expect(zones[0]).toBe('UTC');
    expect(zones.filter((zone) => zone === 'UTC')).toHaveLength(1);
    expect(zones).toContain('Europe/Berlin');
  });
});
