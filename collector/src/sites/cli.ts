/**
 * `npx cartpulse sites add <id> [--origin URL]... [--timezone Europe/Berlin] [--name "Shop"] [--rate-limit N]
 * [--shopify-secret S] [--woocommerce-secret S]`, `npx cartpulse sites list [--search TEXT]`,
 * `npx cartpulse sites remove <id>`, and a site's server keys: `sites key <id>` (creates one, printed once),
 * `sites keys <id>`, `sites revoke-key <id> <key-id>`: the site registry from a shell. They talk to Redis directly (REDIS_URL, or the private Redis of a running `npm start`, whose
 * address it leaves in `<CARTPULSE_DATA_DIR>/redis/url`); running collectors see a change within
 * `registryRefreshMs`.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import * as v from 'valibot';
import { type CartpulseOptions, ConfigError, optionsFromEnv, resolveOptions } from '../config.js';
import { describeIssues } from '../protocol/schema.js';
import { connectOnce } from '../redis/connect.js';
import { refusedSites } from './refused.js';
import { siteRegistry } from './registry.js';
import { removeSite } from './remove.js';
import { SiteRegistrationSchema, siteFromRegistration } from './schema.js';
import { registryStore } from './store.js';

export const SITES_USAGE = `Usage:
  cartpulse sites add <id> [--origin URL]... [--timezone ZONE] [--name NAME] [--rate-limit EVENTS_PER_S]
                  [--shopify-secret SECRET] [--woocommerce-secret SECRET]
                  [--clear-shopify-secret] [--clear-woocommerce-secret]
  cartpulse sites list [--search TEXT]
  cartpulse sites remove <id>
  cartpulse sites key <id>                   creates a server key for POST /ingest/orders (shown once)
  cartpulse sites keys <id>                  lists the site's server keys (never the keys)
  cartpulse sites revoke-key <id> <key-id>

A secret left out of \`sites add\` keeps the one stored; --clear-… removes it.
Redis: REDIS_URL, or the private Redis of a running \`npm start\`.`;

/** Where `npm start` notes the address of its private Redis, for these commands. */
export const privateRedisUrlFile = (env: NodeJS.ProcessEnv) =>
  resolve(env.CARTPULSE_DATA_DIR ?? '.data', 'redis', 'url');

/** REDIS_URL (or the cluster nodes), else the private Redis that a running `npm start` noted. */
export function redisUrlOf(env: NodeJS.ProcessEnv): string {
  if (env.REDIS_URL || env.REDIS_CLUSTER_NODES) return env.REDIS_URL ?? '';
  try {
    return readFileSync(privateRedisUrlFile(env), 'utf8').trim();
  } catch {
    throw new ConfigError(
      'set REDIS_URL to the Redis of your Cartpulse deployment (or start `npm start` first)',
    );
  }
}

/** Runs one `sites` command; returns the exit code. Output goes to `out`, problems to `err`. */
export async function sitesCommand(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
  out: (line: string) => void = console.log,
  err: (line: string) => void = console.error,
): Promise<number> {
  const [action, ...rest] = argv;
  let parsed: ReturnType<typeof parse>;
  let options: CartpulseOptions;
  const parse = () =>
    parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        origin: { type: 'string', multiple: true },
        timezone: { type: 'string' },
        name: { type: 'string' },
        'rate-limit': { type: 'string' },
        search: { type: 'string' },
        'shopify-secret': { type: 'string' },
        'woocommerce-secret': { type: 'string' },
        'clear-shopify-secret': { type: 'boolean' },
        'clear-woocommerce-secret': { type: 'boolean' },
      },
    });
  try {
    if (!['add', 'list', 'remove', 'key', 'keys', 'revoke-key'].includes(action ?? ''))
      throw new ConfigError(SITES_USAGE);
    parsed = parse();
    options = resolveOptions({ ...optionsFromEnv(env), redisUrl: redisUrlOf(env) });
  } catch (error) {
    err(error instanceof ConfigError ? error.message : `${(error as Error).message}\n\n${SITES_USAGE}`);
    return 2;
  }
  const redis = await connectOnce(options, err);
  if (!redis) return 1;
  try {
    const registry = siteRegistry(registryStore(redis, options.keyPrefix), []);
    await registry.refresh();
    const [id, keyId] = parsed.positionals;
    if (action === 'list') {
      const { sites, total } = registry.list({ q: parsed.values.search, limit: Number.MAX_SAFE_INTEGER });
      for (const site of sites)
        out(`${site.id}\t${site.name}\t${site.timezone}\t${site.origins.join(',') || '(any origin)'}`);
      out(`${total} site${total === 1 ? '' : 's'}`);
      return 0;
    }
    if (!id) {
      err(`${action} needs a site id\n\n${SITES_USAGE}`);
      return 2;
    }
    if (action === 'remove') {
      const removed = await removeSite(
        { redis, options, registry, refused: refusedSites(redis, options.keyPrefix) },
        id,
      );
      if (!removed) {
        err(`unknown site: ${id}`);
        return 1;
      }
      out(`Removed ${id} and its windows, share links, server keys and counts.`);
      return 0;
    }
    if (action === 'key' || action === 'keys' || action === 'revoke-key') {
      if (!registry.get(id)) {
        err(`unknown site: ${id} (server keys are for registered sites: \`sites add ${id}\` first)`);
        return 1;
      }
      if (action === 'key') {
        const created = await registry.createKey(id, Date.now());
        out(`Created server key ${created.id} for ${id}. It is shown this once; only its SHA-256 is kept:`);
        out(created.key);
        out(
          'Send it as "Authorization: Bearer <key>" to POST /ingest/orders, from the shop\'s backend only.',
        );
        return 0;
      }
      if (action === 'keys') {
        const keys = await registry.listKeys(id);
        for (const key of keys) out(`${key.id}\t${new Date(key.createdAt).toISOString()}`);
        out(`${keys.length} server key${keys.length === 1 ? '' : 's'}`);
        return 0;
      }
      if (!keyId) {
        err(`revoke-key needs a site id and a key id\n\n${SITES_USAGE}`);
        return 2;
      }
      if (!(await registry.revokeKey(id, keyId))) {
        err(`${id} has no server key ${keyId}`);
        return 1;
      }
      out(`Revoked server key ${keyId} of ${id}.`);
      return 0;
    }
    const { values } = parsed;
    const rateLimit = values['rate-limit'];
    const registration = v.safeParse(SiteRegistrationSchema, {
      id,
      name: values.name,
      timezone: values.timezone,
      origins: values.origin,
      rateLimit: rateLimit === undefined ? undefined : Number(rateLimit),
      shopifySecret: values['clear-shopify-secret'] ? null : values['shopify-secret'],
      woocommerceSecret: values['clear-woocommerce-secret'] ? null : values['woocommerce-secret'],
    });
    if (!registration.success) {
      err(describeIssues(registration.issues));
      return 2;
    }
    const before = registry.get(id);
    const site = siteFromRegistration(registration.output, Date.now(), before);
    await registry.put(site);
    await refusedSites(redis, options.keyPrefix).forget(id);
    out(
      `${before ? 'Updated' : 'Registered'} ${id} (${site.timezone}, ${site.origins.length ? site.origins.join(', ') : 'any origin'}).`,
    );
    const secrets = [site.shopifySecret && 'Shopify', site.woocommerceSecret && 'WooCommerce'].filter(
      Boolean,
    );
    if (secrets.length) out(`Webhook secrets stored for: ${secrets.join(', ')}.`);
    out(`Snippet: <script defer src="https://<your collector>/cp.js" data-site="${id}"></script>`);
    return 0;
  } catch (error) {
    err(`sites ${action} failed: ${(error as Error).message}`);
    return 1;
  } finally {
    redis.disconnect();
  }
}
