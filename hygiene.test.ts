import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// The formatter (Biome, config in biome.json) and the type checker are part of the test suite, so
// `npm test` alone tells whether a change is ready.
describe('repository hygiene', () => {
  it('is formatted (fix with `npm run format`)', () => {
    expect(() => execFileSync('npx', ['biome', 'format', '.'], { stdio: 'pipe' })).not.toThrow();
  });
  it('type-checks in strict mode', () => {
    try {
      execFileSync('npx', ['tsc', '-p', 'tsconfig.json', '--noEmit'], { stdio: 'pipe' });
    } catch (error) {
      throw new Error(String((error as { stdout?: Buffer }).stdout ?? error));
    }
  }, 120_000);
});
