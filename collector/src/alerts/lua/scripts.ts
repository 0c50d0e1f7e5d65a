/**
 * The alert store's Lua scripts, from the `.lua` files beside this module (each opens with a header
 * naming its KEYS, ARGV and reply), defined on a connection once and typed as ioredis commands.
 */
import { readFileSync } from 'node:fs';
import type { Result } from 'ioredis';
import type { RedisClient } from '../../redis/client.js';
import { LEASE_LUA } from '../../windows/lua/scripts.js';

declare module 'ioredis' {
  interface RedisCommander<Context> {
    /** lua/add-rule.lua: rules hash, site set; id, JSON, most. Reply: JSON `{added, count}`. */
    cartpulseAlertAdd(
      rules: string,
      site: string,
      id: string,
      json: string,
      most: number,
    ): Result<string, Context>;
    /** lua/save-state.lua: states hash, rules hash; id, version read, JSON. Reply: JSON `{saved, reason?}`. */
    cartpulseAlertSave(
      states: string,
      rules: string,
      id: string,
      version: number,
      json: string,
    ): Result<string, Context>;
    /**
     * windows/lua/lease.lua, the partition leases' script: lease key; evaluator; take or release; ttl ms.
     * Reply: JSON `{held}`.
     */
    cartpulseAlertLease(
      lease: string,
      holder: string,
      action: string,
      ttlMs: number,
    ): Result<string, Context>;
  }
}

const lua = (file: string) => readFileSync(new URL(file, import.meta.url), 'utf8');
const ADD = lua('add-rule.lua');
const SAVE = lua('save-state.lua');
// one lease script for partitions and for the evaluator: take when free or ours, release when ours
const LEASE = LEASE_LUA;

const defined = new WeakSet<RedisClient>();

/** The alert commands on this connection, defined the first time they are asked for. */
export function alertCommands(redis: RedisClient): RedisClient {
  if (!defined.has(redis)) {
    redis.defineCommand('cartpulseAlertAdd', { numberOfKeys: 2, lua: ADD });
    redis.defineCommand('cartpulseAlertSave', { numberOfKeys: 2, lua: SAVE });
    redis.defineCommand('cartpulseAlertLease', { numberOfKeys: 1, lua: LEASE });
    defined.add(redis);
  }
  return redis;
}
