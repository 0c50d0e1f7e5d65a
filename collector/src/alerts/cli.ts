/**
 * `npx cartpulse alerts add <site> --kind … --webhook URL`, `npx cartpulse alerts list [<site>]`,
 * `npx cartpulse alerts remove <id>`: alert rules from a shell, like `cartpulse sites`. They talk to Redis
 * directly (REDIS_URL, or the private Redis of a running `npm start`); the collector holding the alert
 * lease evaluates a new rule at its next tick. Rules are validated by the same schema as the API.
 */
import { parseArgs } from 'node:util';
import * as v from 'valibot';
import { type CartpulseOptions, ConfigError, optionsFromEnv, resolveOptions } from '../config.js';
import { describeIssues } from '../protocol/schema.js';
import { connectOnce } from '../redis/connect.js';
import { redisUrlOf } from '../sites/cli.js';
import { siteRegistry } from '../sites/registry.js';
import { registryStore } from '../sites/store.js';
import { MAX_RULES_PER_SITE } from './constants.js';
import { describeRule, redactWebhook } from './payload.js';
import { AlertRuleInputSchema } from './rules.js';
import { initialState, statusOf } from './state.js';
import { alertStore } from './store.js';

export const ALERTS_USAGE = `Usage:
  cartpulse alerts add <site> --kind no_orders [--minutes 20] [--min-add-to-carts 5] --webhook URL [--format json|slack]
  cartpulse alerts add <site> --kind drop|spike --metric visitors|orders|revenue --percent N [--currency EUR] --webhook URL
  cartpulse alerts add <site> --kind threshold --metric NAME (--above N | --below N) [--minutes 5] [--currency EUR] --webhook URL
  cartpulse alerts list [<site>]
  cartpulse alerts remove <id>

Redis: REDIS_URL, or the private Redis of a running \`npm start\`.`;

const FLAGS = {
  kind: { type: 'string' },
  webhook: { type: 'string' },
  format: { type: 'string' },
  minutes: { type: 'string' },
  'min-add-to-carts': { type: 'string' },
  metric: { type: 'string' },
  percent: { type: 'string' },
  above: { type: 'string' },
  below: { type: 'string' },
  currency: { type: 'string' },
} as const;

const number = (text: string | undefined) => (text === undefined ? undefined : Number(text));

/** The flags as the API's body: numbers as numbers (a word becomes NaN, which the schema refuses). */
function inputOf(site: string, flags: { [K in keyof typeof FLAGS]?: string }) {
  const body = {
    site,
    kind: flags.kind,
    webhook: flags.webhook,
    format: flags.format,
    minutes: number(flags.minutes),
    minAddToCarts: number(flags['min-add-to-carts']),
    metric: flags.metric,
    percent: number(flags.percent),
    above: number(flags.above),
    below: number(flags.below),
    currency: flags.currency,
  };
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
}

/** Runs one `alerts` command; returns the exit code. Output goes to `out`, problems to `err`. */
export async function alertsCommand(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
  out: (line: string) => void = console.log,
  err: (line: string) => void = console.error,
): Promise<number> {
  const [action, ...rest] = argv;
  let parsed: ReturnType<typeof parse>;
  let options: CartpulseOptions;
  const parse = () => parseArgs({ args: rest, allowPositionals: true, options: FLAGS });
  try {
    if (!['add', 'list', 'remove'].includes(action ?? '')) throw new ConfigError(ALERTS_USAGE);
    parsed = parse();
    options = resolveOptions({ ...optionsFromEnv(env), redisUrl: redisUrlOf(env) });
  } catch (error) {
    err(error instanceof ConfigError ? error.message : `${(error as Error).message}\n\n${ALERTS_USAGE}`);
    return 2;
  }
  const [target] = parsed.positionals;
  if (action !== 'list' && !target) {
    err(`${action} needs ${action === 'add' ? 'a site id' : 'an alert id'}\n\n${ALERTS_USAGE}`);
    return 2;
  }
  const input = action === 'add' ? v.safeParse(AlertRuleInputSchema, inputOf(target, parsed.values)) : null;
  if (input && !input.success) {
    err(describeIssues(input.issues));
    return 2;
  }

  const redis = await connectOnce(options, err);
  if (!redis) return 1;
  try {
    const store = alertStore(redis, options.keyPrefix);
    if (action === 'list') {
      const rules = await store.list(target);
      const states = await store.states(rules.map((rule) => rule.id));
      for (const rule of rules) {
        const status = statusOf(states.get(rule.id) ?? initialState());
        out(
          [
            rule.id,
            rule.site,
            status.state,
            describeRule(rule),
            `${rule.format} ${redactWebhook(rule.webhook)}`,
          ].join('\t'),
        );
      }
      out(`${rules.length} alert rule${rules.length === 1 ? '' : 's'}`);
      return 0;
    }
    if (action === 'remove') {
      if (!(await store.remove(target))) {
        err(`unknown alert: ${target}`);
        return 1;
      }
      out(`Removed alert ${target}.`);
      return 0;
    }
    if (!input?.success) return 2; // (checked above)
    const registry = siteRegistry(registryStore(redis, options.keyPrefix), [
      ...options.sites,
      ...Object.keys(options.allowedOrigins),
    ]);
    await registry.refresh();
    if (!registry.accepts(input.output.site)) {
      err(`unknown site: ${input.output.site} (register it first: cartpulse sites add ${input.output.site})`);
      return 1;
    }
    const rule = await store.add(input.output, Date.now());
    if (rule === 'full') {
      err(`${input.output.site} has ${MAX_RULES_PER_SITE} alert rules already: remove one first`);
      return 1;
    }
    out(
      `Added alert ${rule.id} for ${rule.site}: ${describeRule(rule)} → ${redactWebhook(rule.webhook)} (${rule.format}).`,
    );
    return 0;
  } catch (error) {
    err(`alerts ${action} failed: ${(error as Error).message}`);
    return 1;
  } finally {
    redis.disconnect();
  }
}
