--[[
  Moves a group's window forward to `low`: subtracts what left it (include/evicted.lua) from the
  running aggregate and ranking, and sets the watermark. Apply only: reads never write.
  Needs: include/keys.lua, include/evicted.lua.
  Returns: the watermark, now `low` or an earlier one that is already past it.
]]
local function advance(site, group, low, ttlMs)
  local wmKey = key('wm', site)
  local wm = tonumber(redis.call('HGET', wmKey, group))
  if wm ~= nil and low <= wm then return wm end
  if wm ~= nil then
    local agg, rank = key('agg:' .. group, site), key('rank:' .. group, site)
    local counters, members = evicted(site, group, wm, low)
    if counters == nil then
      redis.call('DEL', agg, rank)
    else
      -- (a field can sum to 0, and Redis refuses "-0" as an integer)
      for field, n in pairs(counters) do
        if n ~= 0 then redis.call('HINCRBY', agg, field, -n) end
      end
      for member, n in pairs(members) do redis.call('ZINCRBY', rank, n, member) end
      redis.call('ZREMRANGEBYSCORE', rank, 0, '+inf')
    end
  end
  redis.call('HSET', wmKey, group, low)
  redis.call('PEXPIRE', wmKey, ttlMs)
  return low
end
