#!lua flags=no-writes
--[[
  snapshot: one site's live windows at a time `now`, read-only: a group whose watermark lags behind
  `now` is corrected in memory for the buckets that left it (include/evicted.lua), never advanced here,
  so a read writes nothing (it can run on a replica, and under `maxmemory`). Its cost does not depend on
  the number of events: a few sorted-set counts, two hashes, two rankings, the per-minute series.

  KEYS[1]  the partition's event stream (routing only)
  KEYS[2…] every key it reads (windows/snapshot-keys.ts), the buckets that left the windows chosen for
           the watermarks the caller read
  ARGV[1]  JSON parameters (windows/params.ts `snapshotParams` + `prefix`, `site` (a site or one of its
           segments), `baseSite` (the site: its product names and live feed) and `state`: the watermarks
           per group of `groups` its first and highest bucket, -1 for none)
  Reply    JSON: {"status": "stale"} when the watermarks moved since the caller read them (read again),
           else {status: "ok", activeUsers, activeSessions, visitors, buyers, orders, pages, commerce, carts,
           checkout: field → n,
           topPages, topProducts: [[member, count], ...] most first, names: [name of each top product],
           pageviewSeries, visitorSeries: [n per minute], recent: [event JSON]}
]]
--- @include "include/keys.lua"
--- @include "include/evicted.lua"

local p = cjson.decode(ARGV[1])
pre = p.prefix
local site = p.site

local fields = {}
for _, group in ipairs(p.groups) do
  fields[#fields + 1] = group
  fields[#fields + 1] = 'hi:' .. group
end
local marks = redis.call('HMGET', key('wm', site), unpack(fields))
for i = 1, #fields do
  if (tonumber(marks[i]) or -1) ~= p.state[i] then return cjson.encode({status = 'stale'}) end
end

local function count(name, from) return redis.call('ZCOUNT', key(name, site), from, '+inf') end

-- The group's running sums and its top `p.top` members as they are at `low`.
local function windowOf(group, low)
  local wm = tonumber(redis.call('HGET', key('wm', site), group))
  local counters, members = evicted(site, group, wm, low)
  if counters == nil then return {}, {} end
  local sums = {}
  local flat = redis.call('HGETALL', key('agg:' .. group, site))
  for i = 1, #flat, 2 do
    local n = tonumber(flat[i + 1]) - (counters[flat[i]] or 0)
    if n ~= 0 then sums[flat[i]] = n end
  end
  -- Members that lost counts can fall out of the top; the true top N is within the stored top N + K,
  -- K being the members that lost any (every other member keeps its count and its place).
  local lost = 0
  for _ in pairs(members) do lost = lost + 1 end
  local ranked = redis.call('ZRANGE', key('rank:' .. group, site), 0, p.top + lost - 1, 'WITHSCORES')
  local top = {}
  for i = 1, #ranked, 2 do
    local n = -tonumber(ranked[i + 1]) - (members[ranked[i]] or 0)
    if n > 0 then top[#top + 1] = {ranked[i], n} end
  end
  table.sort(top, function(a, b)
    if a[2] ~= b[2] then return a[2] > b[2] end
    return a[1] < b[1]
  end)
  while #top > p.top do table.remove(top) end
  return sums, top
end

local pages, topPages = windowOf('pages', p.lows[1])
local commerce, topProducts = windowOf('commerce', p.lows[2])
local carts = windowOf('carts', p.lows[3])
local checkout = windowOf('checkout', p.lows[4])
local names = {}
for i, entry in ipairs(topProducts) do
  names[i] = redis.call('HGET', key('names', p.baseSite), entry[1]) or ''
end
local pageviewSeries, visitorSeries = {}, {}
for m = p.firstMinute, p.firstMinute + p.minutes - 1 do
  pageviewSeries[#pageviewSeries + 1] = tonumber(redis.call('GET', key('mpv', site, m)) or 0)
  visitorSeries[#visitorSeries + 1] = redis.call('SCARD', key('mv', site, m))
end
return cjson.encode({
  status = 'ok',
  activeUsers = count('vis', p.activeStart),
  activeSessions = count('ses', p.activeStart),
  visitors = count('vis', p.commerceStart),
  buyers = count('buy', p.commerceStart),
  orders = count('ord', p.commerceStart),
  pages = pages,
  commerce = commerce,
  carts = carts,
  checkout = checkout,
  topPages = topPages,
  topProducts = topProducts,
  names = names,
  pageviewSeries = pageviewSeries,
  visitorSeries = visitorSeries,
  recent = redis.call('LRANGE', key('recent', p.baseSite), 0, p.recentEvents - 1),
})
