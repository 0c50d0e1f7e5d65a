/**
 * Budgets are tests. They read the built files, so run them after `npm run build` (`npm test` does).
 * Measured as the budget says, `gzip -9c sdk/dist/<file> | wc -c`, the file name that gzip stores in
 * its header included; with zlib where gzip is missing, plus that name (zlib's deflate differs from
 * gzip's by a few bytes either way).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const dist = new URL('../dist/', import.meta.url);
const built = (file: string) => readFileSync(new URL(file, dist), 'utf8');

function gzipped(file: string): number {
  try {
    return execFileSync('gzip', ['-9c', fileURLToPath(new URL(file, dist))]).length;
  } catch {
    // gzip's header holds the file's name and a zero byte; zlib's holds no name.
    return gzipSync(built(file), { level: 9 }).length + file.length + 1;
  }
}

describe('SDK size budgets (bytes, gzip -9c <file>)', () => {
  it('cartpulse.js, the script-tag build with e-commerce and the dataLayer bridge: ≤ 2,000', () => {
    expect(gzipped('cartpulse.js')).toBeLessThanOrEqual(2000);
  });

  it('cartpulse.core.js, page views, custom events and delivery: ≤ 1,300', () => {
    expect(gzipped('cartpulse.core.js')).toBeLessThanOrEqual(1300);
  });
});

describe('the builds', () => {
  it('never listen to unload or beforeunload (they break the back/forward cache)', () => {
    for (const file of ['cartpulse.js', 'cartpulse.core.js', 'index.js'])
      expect(built(file)).not.toMatch(/["'](before)?unload["']/);
  });

  it('have no runtime dependencies', () => {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(manifest.dependencies ?? {}).toEqual({});
    for (const file of ['index.js', 'index.cjs']) expect(built(file)).not.toMatch(/^import\b|\brequire\(/m);
  });

  it('have declarations that need no other package (the private protocol workspace is copied in)', () => {
    const types = fileURLToPath(new URL('types/', dist));
    const program = ts.createProgram([`${types}index.d.ts`, `${types}index.d.cts`], {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
      types: [],
      strict: true,
      noEmit: true,
    });
    expect(
      ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')),
    ).toEqual([]);
    const outside = program
      .getSourceFiles()
      .filter((file) => !program.isSourceFileDefaultLibrary(file) && !file.fileName.startsWith(types));
    expect(outside.map((file) => file.fileName)).toEqual([]);
  });

  it('the core build leaves out what only the full build has', () => {
    expect(built('cartpulse.core.js')).not.toMatch(/data-cp-event|dataLayer|add_to_cart|beforeSend/);
    expect(built('cartpulse.js')).toMatch(/data-cp-event/);
  });
});
