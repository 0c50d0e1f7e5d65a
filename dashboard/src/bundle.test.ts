/**
 * The dashboard's size budget: the JS the browser downloads, gzipped, Preact and uPlot included. Reads the
 * build output, so it runs after `npm run build` (which `npm test` does first).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

/** Bytes of gzipped JavaScript allowed. */
export const BUNDLE_BUDGET = 60 * 1024;

const dist = join(import.meta.dirname, '../dist');

describe('dashboard bundle', () => {
  it('is built (run `npm run build`)', () => {
    expect(existsSync(join(dist, 'index.html'))).toBe(true);
  });

  it(`stays within ${BUNDLE_BUDGET / 1024} KB of gzipped JavaScript`, () => {
    const html = readFileSync(join(dist, 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/<script[^>]*src="\/([^"]+)"/g)].map((match) => match[1]);
    expect(scripts).toHaveLength(1);
    // Every .js file in the output counts, not only the entry: a lazy chunk is still downloaded.
    const files = readdirSync(join(dist, 'assets')).filter((name) => name.endsWith('.js'));
    const gzipped = files.reduce(
      (sum, name) => sum + gzipSync(readFileSync(join(dist, 'assets', name)), { level: 9 }).length,
      0,
    );
    console.info(`dashboard JS: ${files.join(', ')}: ${gzipped} bytes gzipped (budget ${BUNDLE_BUDGET})`);
    expect(gzipped).toBeLessThanOrEqual(BUNDLE_BUDGET);
    expect(gzipped).toBeGreaterThan(10_000); // Preact and uPlot are in it: not an empty stub
  });

  it('keeps the page free of inline scripts and styles (the CSP allows neither)', () => {
    const html = readFileSync(join(dist, 'index.html'), 'utf8');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
  });
});
