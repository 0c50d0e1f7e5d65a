#!lua flags=allow-oom
--[[
  lease: which collector evaluates the alert rules, so that a deployment evaluates them once however
  many collectors run. Taken when free, renewed only by its holder, released at stop. The lease only
  keeps the work in one place; correctness does not depend on it (states are saved by version,
  save-state.lua).

  KEYS[1]  the lease key (`cp:{alerts}:lease`)
  ARGV[1]  the evaluator's name (random per process and start)
  ARGV[2]  `take` (when free or already ours: then renewed) or `release` (only when ours)
  ARGV[3]  time to live, ms
  Reply    JSON: {"held": true|false}, whether the evaluator holds the lease after the call
]]
local lease, me, action, ttl = KEYS[1], ARGV[1], ARGV[2], tonumber(ARGV[3])
local holder = redis.call('GET', lease)
if action == 'release' then
  if holder == me then redis.call('DEL', lease) end
  return cjson.encode({held = false})
end
if holder == me then
  redis.call('PEXPIRE', lease, ttl)
  return cjson.encode({held = true})
end
if not holder then
  redis.call('SET', lease, me, 'PX', ttl)
  return cjson.encode({held = true})
end
return cjson.encode({held = false})
