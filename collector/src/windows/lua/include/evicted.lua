--[[
  What left a window: the sums of the buckets from the watermark `wm` up to `low - 1`, the part the
  running aggregate of `group` still holds but the window at `low` no longer does. Read-only; the apply
  script subtracts it (and moves the watermark), the snapshot script subtracts it in memory.
  Needs: include/keys.lua.
  Returns: counters (field → n) and ranked members (member → n), or nil when every bucket with data left
  (`low` past the highest bucket written: the aggregate is wholly stale).
]]
local function evicted(site, group, wm, low)
  local counters, members = {}, {}
  if wm == nil or low <= wm then return counters, members end
  local hi = tonumber(redis.call('HGET', key('wm', site), 'hi:' .. group)) or (wm - 1)
  if low > hi then return nil end
  for b = wm, low - 1 do
    local fields = redis.call('HGETALL', bucketKey(group, site, b))
    for i = 1, #fields, 2 do
      local field, n = fields[i], tonumber(fields[i + 1])
      if string.byte(field, 1) == 35 then
        local member = string.sub(field, 2)
        members[member] = (members[member] or 0) + n
      else
        counters[field] = (counters[field] or 0) + n
      end
    end
  end
  return counters, members
end
