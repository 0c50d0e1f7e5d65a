import { describe, expect, it } from 'vitest';
import { ConfigError, optionsFromEnv, resolveOptions } from './config.js';
import { runCli } from './testing/cli-process.js';

describe('configuration', () => {
  it('reads the environment', () => {
    expect(
      optionsFromEnv({
        PORT: '9000',
        CARTPULSE_PARTITIONS: '16',
        CARTPULSE_SITES: 'demo-shop, shop-*',
        CARTPULSE_RATE_LIMIT: '50',
        CARTPULSE_ALLOW_EVICTION: '1',
        CARTPULSE_FSYNC: 'everysec',
        CARTPULSE_DLQ_MAX_LENGTH: '500',
        LOG_LEVEL: 'debug',
        CARTPULSE_PAGES_WINDOW_MINUTES: '30',
      }),
    ).toMatchObject({
      port: 9000,
      partitions: 16,
      sites: ['demo-shop', 'shop-*'],
      rateLimit: 50,
      allowEviction: true,
      fsync: 'everysec',
      dlqMaxLength: 500,
      logLevel: 'debug',
      windows: { pagesMs: 30 * 60_000 },
    });
  });

  it('says in one sentence which variable is wrong', () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ PORT: 'abc' }, /^PORT must be a whole number from 0 to 65535, not "abc"$/],
      [{ PORT: '70000' }, /^PORT must be/],
      [{ CARTPULSE_PARTITIONS: 'x' }, /^CARTPULSE_PARTITIONS must be a whole number/],
      [{ CARTPULSE_PARTITIONS: '0' }, /^CARTPULSE_PARTITIONS must be/],
      [{ CARTPULSE_PAGES_WINDOW_MINUTES: '-5' }, /^CARTPULSE_PAGES_WINDOW_MINUTES must be/],
      [{ CARTPULSE_TRUST_PROXY: 'maybe' }, /^CARTPULSE_TRUST_PROXY must be 1 or 0/],
      [{ CARTPULSE_FSYNC: 'never' }, /^CARTPULSE_FSYNC must be one of always, everysec/],
      [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL must be one of/],
    ];
    for (const [env, message] of cases) {
      expect(() => optionsFromEnv(env), JSON.stringify(env)).toThrow(ConfigError);
      expect(() => optionsFromEnv(env), JSON.stringify(env)).toThrow(message);
    }
  });

  it('checks options given in code too', () => {
    expect(() => resolveOptions({ port: Number.NaN })).toThrow(/port must be a whole number/);
    expect(() =>
      resolveOptions({ windows: { activeMs: 15_000, pagesMs: 900_000, commerceMs: 900_000 } }),
    ).toThrow(/window activeMs \(15000 ms\) must be a positive multiple of granularityMs/);
  });

  it('makes the CLI exit 2 with that sentence, no stack trace', async () => {
    const { code, output } = await runCli(['collector'], { PORT: 'abc', REDIS_URL: 'redis://127.0.0.1:1' });
    expect(code).toBe(2);
    expect(output.trim()).toBe('Configuration: PORT must be a whole number from 0 to 65535, not "abc".');
  });
});
