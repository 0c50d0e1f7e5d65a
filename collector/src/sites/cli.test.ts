import Redis from 'ioredis';
import { describe, expect, it } from 'vitest';
import { privateRedis } from '../testing/redis.js';
import { sitesCommand } from './cli.js';

describe('npx cartpulse sites: server keys and webhook secrets', async () => {
  const server = await privateRedis();
  const env = { REDIS_URL: server.url };
  const run = async (...argv: string[]) => {
    const lines: string[] = [];
    const code = await sitesCommand(
      argv,
      env,
      (line) => lines.push(line),
      (line) => lines.push(line),
    );
    return { code, output: lines.join('\n') };
  };

  it('stores the secrets without printing them, keeps them when left out, clears them on request', async () => {
    const redis = new Redis(server.url);
    const site = async () => JSON.parse((await redis.hget('cp:{registry}:sites', 'cli-shop')) ?? '{}');
    const added = await run(
      'add',
      'cli-shop',
      '--shopify-secret',
      'shpss_cli',
      '--woocommerce-secret',
      'wc_cli',
    );
    expect(added.code, added.output).toBe(0);
    expect(added.output).toContain('Webhook secrets stored for: Shopify, WooCommerce.');
    expect(added.output).not.toMatch(/shpss_cli|wc_cli/);
    expect(await site()).toMatchObject({ shopifySecret: 'shpss_cli', woocommerceSecret: 'wc_cli' });
    expect((await run('add', 'cli-shop', '--name', 'CLI shop')).code).toBe(0);
    expect(await site()).toMatchObject({ name: 'CLI shop', shopifySecret: 'shpss_cli' });
    expect((await run('add', 'cli-shop', '--clear-shopify-secret')).code).toBe(0);
    expect((await site()).shopifySecret).toBeUndefined();
    expect((await site()).woocommerceSecret).toBe('wc_cli');
    expect((await run('add', 'cli-shop', '--shopify-secret', '')).code).toBe(2);
    const listed = await run('list');
    expect(listed.output).not.toContain('wc_cli');
    redis.disconnect();
  });

  it('creates, lists and revokes server keys', async () => {
    const created = await run('key', 'cli-shop');
    expect(created.code, created.output).toBe(0);
    const id = /Created server key ([0-9a-f]{12}) for cli-shop/.exec(created.output)?.[1];
    const key = /^cpk_[A-Za-z0-9_-]{43}$/m.exec(created.output)?.[0];
    expect(id && key, created.output).toBeTruthy();
    const listed = await run('keys', 'cli-shop');
    expect(listed.output).toContain(`${id}\t`);
    expect(listed.output).toContain('1 server key');
    expect(listed.output).not.toContain(key);
    expect(await run('revoke-key', 'cli-shop', id ?? '')).toEqual({
      code: 0,
      output: `Revoked server key ${id} of cli-shop.`,
    });
    expect((await run('revoke-key', 'cli-shop', id ?? '')).code).toBe(1);
    expect((await run('key', 'no-such-shop')).code).toBe(1);
    expect((await run('revoke-key', 'cli-shop')).code).toBe(2);
  });
});
