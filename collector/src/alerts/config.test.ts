import { describe, expect, it } from 'vitest';
import { ConfigError, optionsFromEnv, resolveOptions } from '../config.js';

describe('the alert options', () => {
  it('have their defaults, and come from the environment', () => {
    expect(resolveOptions({ token: 't' })).toMatchObject({
      alertIntervalMs: 15_000,
      alertCooldownMs: 600_000,
      alertSecret: expect.stringMatching(/^[0-9a-f]{64}$/),
      publicUrl: '',
    });
    expect(
      optionsFromEnv({
        CARTPULSE_ALERT_INTERVAL_MS: '5000',
        CARTPULSE_ALERT_COOLDOWN_MS: '0',
        CARTPULSE_ALERT_SECRET: 'shared-with-receivers',
        CARTPULSE_PUBLIC_URL: 'https://stats.example/',
      }),
    ).toEqual({
      alertIntervalMs: 5_000,
      alertCooldownMs: 0,
      alertSecret: 'shared-with-receivers',
      publicUrl: 'https://stats.example',
    });
  });

  it('name the variable when one is wrong', () => {
    const cases: [Record<string, string>, RegExp][] = [
      [
        { CARTPULSE_ALERT_INTERVAL_MS: '60000' },
        /^CARTPULSE_ALERT_INTERVAL_MS must be a whole number from 1000 to 30000/,
      ],
      [{ CARTPULSE_ALERT_COOLDOWN_MS: 'soon' }, /^CARTPULSE_ALERT_COOLDOWN_MS must be a whole number/],
      [
        { CARTPULSE_PUBLIC_URL: 'stats.example' },
        /^CARTPULSE_PUBLIC_URL must be an http:\/\/ or https:\/\/ address/,
      ],
    ];
    for (const [env, message] of cases) {
      expect(() => optionsFromEnv(env)).toThrow(ConfigError);
      expect(() => optionsFromEnv(env)).toThrow(message);
    }
    expect(() => resolveOptions({ alertIntervalMs: 45_000 })).toThrow(/^alertIntervalMs must be/);
  });
});
