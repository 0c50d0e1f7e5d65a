/**
 * Alert rules and their states in Redis, all under one hash tag (`<prefix>:{alerts}:`), so that every
 * script and MULTI touches one Redis Cluster slot:
 *
 * - `rules`: hash, id → rule JSON (the rule as answered);
 * - `site:<site>`: set of the site's rule ids (bounded by `MAX_RULES_PER_SITE`);
 * - `states`: hash, id → state JSON (alerts/state.ts), written by version only (lua/save-state.lua);
 * - `lease`: which collector evaluates (windows/lua/lease.lua, the partition leases' script; alerts/runner.ts).
 *
 * Rules and states are small and few (50 per site), and the evaluator reads them all at every tick.
 */
import { randomBytes } from 'node:crypto';
import type { RedisClient } from '../redis/client.js';
import { MAX_RULES_PER_SITE } from './constants.js';
import { alertCommands } from './lua/scripts.js';
import { ALERT_ID, type AlertRule, type AlertRuleInput } from './rules.js';
import { initialState, type RuleState } from './state.js';

export const alertKeys = (keyPrefix: string) => {
  const prefix = `${keyPrefix}:{alerts}:`;
  return {
    rules: `${prefix}rules`,
    site: (site: string) => `${prefix}site:${site}`,
    states: `${prefix}states`,
    lease: `${prefix}lease`,
  };
};

export interface AlertStore {
  /** Stores a new rule; `full` when its site has `MAX_RULES_PER_SITE` already. */
  add(input: AlertRuleInput, now: number): Promise<AlertRule | 'full'>;
  /** Rules of one site, or of every site, oldest first. */
  list(site?: string): Promise<AlertRule[]>;
  /** True when there was such a rule; its state goes with it. */
  remove(id: string): Promise<boolean>;
  /** States of these rules (a rule never evaluated has the initial state). */
  states(ids: string[]): Promise<Map<string, RuleState>>;
  /**
   * Changes a rule's state: `change` gets the latest and answers the next (or null: nothing to write).
   * Saved only on the version read; on a race it reads again and asks again. Answers the state saved
   * (or unchanged), or null when the rule is gone.
   */
  update(id: string, change: (state: RuleState) => RuleState | null): Promise<RuleState | null>;
}

function parse<T>(json: string | null | undefined): T | null {
  if (!json) return null;
  try {
    return JSON.parse(json) as T;
  } catch {
    return null;
  }
}

const byAge = (a: AlertRule, b: AlertRule) => a.createdAt - b.createdAt || a.id.localeCompare(b.id);

export function alertStore(redis: RedisClient, keyPrefix: string): AlertStore {
  const keys = alertKeys(keyPrefix);
  const scripted = alertCommands(redis);
  const readState = async (id: string) =>
    parse<RuleState>(await redis.hget(keys.states, id)) ?? initialState();

  return {
    async add(input, now) {
      const rule = { ...input, id: randomBytes(8).toString('hex'), createdAt: now } as AlertRule;
      const reply = await scripted.cartpulseAlertAdd(
        keys.rules,
        keys.site(rule.site),
        rule.id,
        JSON.stringify(rule),
        MAX_RULES_PER_SITE,
      );
      return (JSON.parse(reply) as { added: boolean }).added ? rule : 'full';
    },
    async list(site) {
      const all =
        site === undefined
          ? Object.values(await redis.hgetall(keys.rules))
          : await (async () => {
              const ids = await redis.smembers(keys.site(site));
              return ids.length ? await redis.hmget(keys.rules, ...ids) : [];
            })();
      return all
        .map((json) => parse<AlertRule>(json))
        .filter((rule): rule is AlertRule => rule !== null && (site === undefined || rule.site === site))
        .sort(byAge);
    },
    async remove(id) {
      if (!ALERT_ID.test(id)) return false;
      const rule = parse<AlertRule>(await redis.hget(keys.rules, id));
      if (!rule) return false;
      const [[, removed] = []] =
        (await redis
          .multi()
          .hdel(keys.rules, id)
          .srem(keys.site(rule.site), id)
          .hdel(keys.states, id)
          .exec()) ?? [];
      return removed === 1;
    },
    async states(ids) {
      const found = ids.length ? await redis.hmget(keys.states, ...ids) : [];
      return new Map(ids.map((id, i) => [id, parse<RuleState>(found[i]) ?? initialState()]));
    },
    async update(id, change) {
      for (let round = 0; round < 5; round++) {
        const state = await readState(id);
        const next = change(state);
        if (next === null || next === state) return state;
        const saved = { ...next, version: state.version + 1 };
        const reply = JSON.parse(
          await scripted.cartpulseAlertSave(
            keys.states,
            keys.rules,
            id,
            state.version,
            JSON.stringify(saved),
          ),
        ) as { saved: boolean; reason?: 'stale' | 'gone' };
        if (reply.saved) return saved;
        if (reply.reason === 'gone') return null;
      }
      throw new Error(`alert ${id}: its state kept changing under five attempts to save it`);
    },
  };
}
