import { describe, expect, it } from 'vitest';
import { runCli } from '../testing/cli-process.js';
import { privateRedis } from '../testing/redis.js';

describe('npx cartpulse alerts', async () => {
  const redis = await privateRedis();
  // the site is accepted by its pattern, as with CARTPULSE_SITES on a collector (registration: sites/)
  const env = { REDIS_URL: redis.url, CARTPULSE_SITES: 'cli-*' };

  it('adds, lists and removes rules of a site', async () => {
    const added = await runCli(
      [
        'alerts',
        'add',
        'cli-shop',
        '--kind',
        'threshold',
        '--metric',
        'revenue',
        '--below',
        '10',
        '--currency',
        'EUR',
        '--minutes',
        '30',
        '--webhook',
        'https://hooks.example/cart?key=secret',
        '--format',
        'slack',
      ],
      env,
    );
    expect(added.code, added.output).toBe(0);
    const id = /Added alert ([0-9a-f]{16}) for cli-shop: revenue EUR below 10 for 30 min/.exec(
      added.output,
    )?.[1];
    expect(id, added.output).toBeDefined();

    const listed = await runCli(['alerts', 'list', 'cli-shop'], env);
    expect(listed.code).toBe(0);
    expect(listed.output).toContain(
      `${id}\tcli-shop\tok\trevenue EUR below 10 for 30 min\tslack https://hooks.example/…`,
    );
    expect(listed.output).toContain('1 alert rule');
    expect(listed.output).not.toContain('secret');

    expect((await runCli(['alerts', 'remove', id ?? ''], env)).output).toContain(`Removed alert ${id}.`);
    const again = await runCli(['alerts', 'remove', id ?? ''], env);
    expect(again).toMatchObject({ code: 1, output: expect.stringContaining(`unknown alert: ${id}`) });
  });

  it('refuses a rule that does not fit, or a site that does not exist', async () => {
    const invalid = await runCli(
      [
        'alerts',
        'add',
        'cli-shop',
        '--kind',
        'no_orders',
        '--minutes',
        'soon',
        '--webhook',
        'ftp://x.example/',
      ],
      env,
    );
    expect(invalid.code).toBe(2);
    expect(invalid.output).toContain('webhook: must be an http:// or https:// URL');
    expect(invalid.output).toContain('minutes: must be a number');
    const unknown = await runCli(
      ['alerts', 'add', 'nowhere', '--kind', 'no_orders', '--webhook', 'https://x.example/'],
      env,
    );
    expect(unknown.code).toBe(1);
    expect(unknown.output).toContain('unknown site: nowhere');
  });
});
