#!lua
--[[
  save-state: writes a rule's evaluation state only if it is still the version the caller read (two
  evaluators a moment apart, or an evaluation and a delivery of the same process, never overwrite each
  other: the one refused reads again), and only while the rule exists (a rule deleted meanwhile does not
  come back as a state).

  KEYS[1]  the states hash (`cp:{alerts}:states`): id → state JSON, with its `version`
  KEYS[2]  the rules hash (`cp:{alerts}:rules`)
  ARGV[1]  the rule's id
  ARGV[2]  the version the caller read (0: there was no state)
  ARGV[3]  the new state's JSON (its `version` one more)
  Reply    JSON: {"saved": true} or {"saved": false, "reason": "stale" | "gone"}
]]
local states, rules, id, read, json = KEYS[1], KEYS[2], ARGV[1], tonumber(ARGV[2]), ARGV[3]
if redis.call('HEXISTS', rules, id) == 0 then
  redis.call('HDEL', states, id)
  return cjson.encode({saved = false, reason = 'gone'})
end
local current = redis.call('HGET', states, id)
local version = 0
if current then version = tonumber(cjson.decode(current).version) or 0 end
if version ~= read then return cjson.encode({saved = false, reason = 'stale'}) end
redis.call('HSET', states, id, json)
return cjson.encode({saved = true})
