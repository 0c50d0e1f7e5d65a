/**
 * The engine's Lua scripts, from the `.lua` files beside this module: each opens with a header naming its
 * KEYS, ARGV and reply; shared parts live in `include/` and are pulled in by a `--- @include "<path>"`
 * line, once per script. Scripts are defined on a connection once (`defineCommand`, which runs them by
 * SHA and loads them when Redis lacks them) and typed below through ioredis's command interface.
 */
import { readFileSync } from 'node:fs';
import type { Result } from 'ioredis';
import type { RedisClient } from '../../redis/client.js';

declare module 'ioredis' {
  interface RedisCommander<Context> {
    /**
     * lua/apply.lua: the number of keys, the keys (stream first, windows/script-keys.ts), then the group
     * and the JSON payload. Reply: JSON `{status, state?, ids?}`.
     */
    cartpulseApply(...keysAndArgs: (string | number)[]): Result<string, Context>;
    /** lua/snapshot.lua: the number of keys, the keys, then the JSON parameters. Reply: JSON of named fields. */
    cartpulseSnapshot(...keysAndArgs: (string | number)[]): Result<string, Context>;
    /** lua/lease.lua: KEYS[1] lease key; consumer; take, renew or release; ttl ms. Reply: JSON `{held}`. */
    cartpulseLease(lease: string, consumer: string, action: string, ttlMs: number): Result<string, Context>;
    /** lua/heartbeat.lua: KEYS[1] consumers; consumer; now; ttl ms. Reply: JSON `{live}`. */
    cartpulseHeartbeat(
      consumers: string,
      consumer: string,
      now: number,
      ttlMs: number,
    ): Result<string, Context>;
  }
}

const INCLUDE = /^--- @include "([^"]+)"\s*$/gm;

/** A script's text with its includes pulled in (each file once, in order of first mention). */
export function loadLua(file: string, included = new Set<string>()): string {
  const text = readFileSync(new URL(file, import.meta.url), 'utf8');
  return text.replace(INCLUDE, (_, path: string) => {
    if (included.has(path)) return '';
    included.add(path);
    return loadLua(path, included);
  });
}

export const APPLY_LUA = loadLua('apply.lua');
export const SNAPSHOT_LUA = loadLua('snapshot.lua');
export const LEASE_LUA = loadLua('lease.lua');
export const HEARTBEAT_LUA = loadLua('heartbeat.lua');

const defined = new WeakSet<RedisClient>();

/** The engine's commands on this connection, defined the first time it is asked for. */
export function engineCommands(redis: RedisClient): RedisClient {
  if (!defined.has(redis)) {
    // the key count varies per call: it comes first in the arguments
    redis.defineCommand('cartpulseApply', { lua: APPLY_LUA });
    redis.defineCommand('cartpulseSnapshot', { lua: SNAPSHOT_LUA });
    redis.defineCommand('cartpulseLease', { numberOfKeys: 1, lua: LEASE_LUA });
    redis.defineCommand('cartpulseHeartbeat', { numberOfKeys: 1, lua: HEARTBEAT_LUA });
    defined.add(redis);
  }
  return redis;
}
