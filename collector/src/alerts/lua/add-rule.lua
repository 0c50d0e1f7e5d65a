#!lua
--[[
  add-rule: stores a new alert rule unless its site has as many as allowed, in one step (two requests
  at once cannot both take the last place).

  KEYS[1]  the rules hash (`cp:{alerts}:rules`): id → rule JSON
  KEYS[2]  the site's rule ids (`cp:{alerts}:site:<site>`), a set
  ARGV[1]  the new rule's id
  ARGV[2]  the rule's JSON
  ARGV[3]  the most rules a site may have
  Reply    JSON: {"added": true|false, "count": rules of the site after the call}
]]
local rules, site, id, json, most = KEYS[1], KEYS[2], ARGV[1], ARGV[2], tonumber(ARGV[3])
local count = redis.call('SCARD', site)
if count >= most then return cjson.encode({added = false, count = count}) end
redis.call('HSET', rules, id, json)
redis.call('SADD', site, id)
return cjson.encode({added = true, count = count + 1})
