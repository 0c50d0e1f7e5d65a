/**
 * `npx cartpulse sites add <id> [--origin URL]... [--timezone Europe/Berlin] [--name "Shop"] [--rate-limit N]`,
 * `npx cartpulse sites list [--search TEXT]`, `npx cartpulse sites remove <id>`: the site registry from a
 * shell. They talk to Redis directly (REDIS_URL, or the private Redis of a running `npm start`, whose
 * address it leaves in `<CARTPULSE_DATA_DIR>/redis/url`); running collectors see a change within
 * `registryRefreshMs`.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import * as v from 'valibot';
import { type CartpulseOptions, ConfigError, optionsFromEnv, resolveOptions } from '../config.js';
import { describeIssues } from '../protocol/schema.js';
import { createClient, describeTarget } from '../redis/client.js';
import { redactUrl } from '../redis/errors.js';
import { refusedSites } from './refused.js';
import { siteRegistry } from './registry.js';
import { removeSite } from './remove.js';
import { SiteRegistrationSchema, siteFromRegistration } from './schema.js';
import { registryStore } from './store.js';

export const SITES_USAGE = `Usage:
  cartpulse sites add <id> [--origin URL]... [--timezone ZONE] [--name NAME] [--rate-limit EVENTS_PER_S]
  cartpulse sites list [--search TEXT]
  cartpulse sites remove <id>

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
      },
    });
  try {
    if (!['add', 'list', 'remove'].includes(action ?? '')) throw new ConfigError(SITES_USAGE);
    parsed = parse();
    options = resolveOptions({ ...optionsFromEnv(env), redisUrl: redisUrlOf(env) });
  } catch (error) {
    err(error instanceof ConfigError ? error.message : `${(error as Error).message}\n\n${SITES_USAGE}`);
    return 2;
  }
  const redis = createClient(options, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
  });
  redis.on('error', () => {}); // the failed command below says why
  try {
    await redis.connect();
  } catch (error) {
    err(`cannot reach Redis at ${redactUrl(describeTarget(options))}: ${(error as Error).message}`);
    return 1;
  }
  try {
    const registry = siteRegistry(registryStore(redis, options.keyPrefix), []);
    await registry.refresh();
    const [id] = parsed.positionals;
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
      out(`Removed ${id} and its windows, share links and counts.`);
      return 0;
    }
    const rateLimit = parsed.values['rate-limit'];
    const registration = v.safeParse(SiteRegistrationSchema, {
      id,
      name: parsed.values.name,
      timezone: parsed.values.timezone,
      origins: parsed.values.origin,
      rateLimit: rateLimit === undefined ? undefined : Number(rateLimit),
    });
    if (!registration.success) {
      err(describeIssues(registration.issues));
      return 2;
    }
    const site = siteFromRegistration(registration.output, Date.now());
    const before = registry.get(id);
    if (before) site.createdAt = before.createdAt;
    await registry.put(site);
    await refusedSites(redis, options.keyPrefix).forget(id);
    out(
      `${before ? 'Updated' : 'Registered'} ${id} (${site.timezone}, ${site.origins.length ? site.origins.join(', ') : 'any origin'}).`,
    );
    out(`Snippet: <script defer src="https://<your collector>/cp.js" data-site="${id}"></script>`);
    return 0;
  } catch (error) {
    err(`sites ${action} failed: ${(error as Error).message}`);
    return 1;
  } finally {
    redis.disconnect();
  }
}
