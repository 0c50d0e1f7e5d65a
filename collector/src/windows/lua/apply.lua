#!lua
--[[
  apply: applies one pre-aggregated delta of a batch of stream entries to the windows of one partition
  and acknowledges the entries, all or nothing. When any event id was applied before (a client retry, or
  an entry another consumer already processed) it writes nothing and names those ids; the caller
  rebuilds the delta without them and calls again.

  KEYS[1]  the partition's event stream (routes the call to the partition's shard)
  KEYS[2…] every other key the call touches (windows/script-keys.ts `applyKeys`): the de-duplication
           sets (`seen:<hour>`, by the hour of the events' times), each site's day rollups and first
           times of the day (windows/days.ts), each site's and segment's windows, the buckets it adds to and those leaving its
           windows, its per-minute keys, derived sessions, attributions and segment index, the
           partition's active-visitor sets
  ARGV[1]  the consumer group
  ARGV[2]  JSON: the delta and its parameters (consumer/apply.ts: `applyParams` + `buildDelta` +
           `prefix`, `channel`, `entries`, and `state`: site → the watermarks the keys were chosen for,
           per group of `groups` (params.ts `GROUPS`) its first and highest bucket, -1 for none). `changes` holds, per site, the state
           the delta was decided on (derived sessions, attributions, live carts, the orders' ledger records, the latest time
           of visitors in segments) and what to write for it.
  Reply    JSON: {"status": "ok", "state": site → watermarks after the call}, having published the
           changed sites on `channel` (comma-separated),
           {"status": "dup", "ids": [event ids already applied]}: nothing written, or
           {"status": "stale", "state": site → watermarks now}: nothing written, the keys were chosen
           for other watermarks or the state the delta was decided on changed (another consumer
           applied meanwhile): read again, build again
]]
--- @include "include/keys.lua"
--- @include "include/evicted.lua"
local stream, group = KEYS[1], ARGV[1]
local p = cjson.decode(ARGV[2])
pre = p.prefix

--- @include "include/advance.lua"

local function inChunks(list, fn)
  local i, n = 1, #list
  while i <= n do
    local j = math.min(i + 999, n)
    fn(i, j)
    i = j + 1
  end
end

-- Watermarks decide which buckets leave a window, so which keys the call touches: they must be the
-- ones the caller declared keys for.
local fields = {}
for _, group in ipairs(p.groups) do
  fields[#fields + 1] = group
  fields[#fields + 1] = 'hi:' .. group
end
local function watermarks(site)
  local values = redis.call('HMGET', key('wm', site), unpack(fields))
  for i = 1, #fields do values[i] = tonumber(values[i]) or -1 end
  return values
end
local stale, now = false, {}
for site in pairs(p.sites) do
  local actual, assumed = watermarks(site), p.state[site]
  now[site] = actual
  for i = 1, #fields do
    if assumed == nil or assumed[i] ~= actual[i] then stale = true end
  end
end
if stale then return cjson.encode({status = 'stale', state = now}) end

-- Every key the call will touch, checked against KEYS before the first write (key() raises on one
-- that was not declared), so a mistake in windows/script-keys.ts never leaves a call half-applied.
local function leaving(site, group, wm, hi, low)
  if wm < 0 or low <= wm then return end
  if hi < 0 then hi = wm - 1 end
  if low > hi then return end
  for b = wm, low - 1 do bucketKey(group, site, b) end
end
local function hourKeys(hour, fn)
  for k = -1, 1 do fn(partitionKey('seen:' .. string.format('%d', tonumber(hour) + k))) end
end
for hour in pairs(p.seen) do hourKeys(hour, function() end) end
partitionKey('allvis')
partitionKey('active')
partitionKey('users')
for site, d in pairs(p.sites) do
  for _, name in ipairs({'vis', 'ses', 'buy', 'ord', 'wm', 'names', 'recent'}) do key(name, site) end
  for _, group in ipairs(p.groups) do
    key('agg:' .. group, site)
    key('rank:' .. group, site)
    for b in pairs(d[group]) do bucketKey(group, site, b) end
  end
  for m in pairs(d.minutePageviews) do key('mpv', site, m) end
  for m in pairs(d.minuteVisitors) do key('mv', site, m) end
  local marks = now[site]
  for i, group in ipairs(p.groups) do leaving(site, group, marks[2 * i - 1], marks[2 * i], p.lows[i]) end
end
for site, c in pairs(p.changes) do
  for vid in pairs(c.derived) do key('sess', site, vid) end
  for k in pairs(c.attributions) do key('sa', site, k) end
  for k in pairs(c.carts) do key('cart', site, k) end
  for order in pairs(c.orders) do key('order', site, order) end
  key('segs', site)
  for date, day in pairs(c.days) do
    key('day', site, date)
    for hour in pairs(day.minutes) do key('dmin', site, date .. ':' .. hour) end
  end
  for name in pairs(c.firsts) do
    local set, date = string.match(name, '^([^:]+):(.+)$')
    key(set, site, date)
  end
end

-- The state the delta was decided on must still be so (one consumer per partition makes a change
-- here rare: a partition handed over while its former owner was still applying).
local changed = false
for site, c in pairs(p.changes) do
  for vid, v in pairs(c.derived) do
    if redis.call('GET', key('sess', site, vid)) ~= v[1] then changed = true end
  end
  for k, v in pairs(c.attributions) do
    if redis.call('GET', key('sa', site, k)) ~= v[1] then changed = true end
  end
  for k, v in pairs(c.carts) do
    if redis.call('GET', key('cart', site, k)) ~= v[1] then changed = true end
  end
  for order, v in pairs(c.orders) do
    if redis.call('GET', key('order', site, order)) ~= v[1] then changed = true end
  end
  for name, members in pairs(c.firsts) do
    local set, date = string.match(name, '^([^:]+):(.+)$')
    local list = {}
    for member in pairs(members) do list[#list + 1] = member end
    inChunks(list, function(i, j)
      local scores = redis.call('ZMSCORE', key(set, site, date), unpack(list, i, j))
      for x = 1, j - i + 1 do
        if (scores[x] and tonumber(scores[x])) ~= members[list[i + x - 1]][1] then changed = true end
      end
    end)
  end
  for segment, expected in pairs(c.latest) do
    local vids = {}
    for vid in pairs(expected) do vids[#vids + 1] = vid end
    inChunks(vids, function(i, j)
      local scores = redis.call('ZMSCORE', key('vis', segment), unpack(vids, i, j))
      for x = 1, j - i + 1 do
        local want = expected[vids[i + x - 1]]
        if (scores[x] and tonumber(scores[x])) ~= want then changed = true end
      end
    end)
  end
end
if changed then return cjson.encode({status = 'stale', state = now}) end

-- Event ids by the hour of their time: a retry is looked for in its hour and the two beside it.
local dups = {}
for hour, ids in pairs(p.seen) do
  hourKeys(hour, function(seen)
    inChunks(ids, function(i, j)
      local flags = redis.call('SMISMEMBER', seen, unpack(ids, i, j))
      for x = 1, #flags do
        if flags[x] == 1 then dups[#dups + 1] = ids[i + x - 1] end
      end
    end)
  end)
end
if #dups > 0 then return cjson.encode({status = 'dup', ids = dups}) end
local function expireIn(k, at)
  redis.call('PEXPIRE', k, math.max(1, at - p.now))
end
for hour, ids in pairs(p.seen) do
  local seen = partitionKey('seen:' .. hour)
  inChunks(ids, function(i, j) redis.call('SADD', seen, unpack(ids, i, j)) end)
  expireIn(seen, tonumber(hour) * p.hourMs + p.seenKeepMs)
end

local entries = p.entries
inChunks(entries, function(i, j) redis.call('XACK', stream, group, unpack(entries, i, j)) end)

local function zaddLatest(zkey, times)
  local args = {}
  for member, t in pairs(times) do
    args[#args + 1] = t
    args[#args + 1] = member
    if #args >= 1000 then
      redis.call('ZADD', zkey, 'GT', unpack(args))
      args = {}
    end
  end
  if #args > 0 then redis.call('ZADD', zkey, 'GT', unpack(args)) end
end

-- A group this call adds nothing to is left as it is: its window is moved forward the next time it
-- gets data (and a read corrects a lagging window in memory), so quiet groups cost nothing per call.
-- Returns whether the group was written (its keys' TTLs need refreshing).
local function addGroup(site, group, buckets, low)
  if next(buckets) == nil then return false end
  local wm = advance(site, group, low, p.siteTtlMs)
  local wmKey = key('wm', site)
  local agg, rank = key('agg:' .. group, site), key('rank:' .. group, site)
  local hi = tonumber(redis.call('HGET', wmKey, 'hi:' .. group)) or -1
  local newHi = hi
  for bucketText, fields in pairs(buckets) do
    local b = tonumber(bucketText)
    if b >= wm then
      local bucket = bucketKey(group, site, b)
      for field, n in pairs(fields) do
        redis.call('HINCRBY', bucket, field, n)
        if string.byte(field, 1) == 35 then
          redis.call('ZINCRBY', rank, -n, string.sub(field, 2))
        else
          redis.call('HINCRBY', agg, field, n)
        end
      end
      redis.call('PEXPIRE', bucket, p.bucketTtlMs)
      if b > newHi then newHi = b end
    end
  end
  if newHi > hi then redis.call('HSET', wmKey, 'hi:' .. group, newHi) end
  return true
end

local segmentKeys = {'vis', 'ses', 'buy', 'ord', 'wm'}
local siteKeys = {'names', 'recent'}
for _, name in ipairs(segmentKeys) do siteKeys[#siteKeys + 1] = name end
for site, d in pairs(p.sites) do

  zaddLatest(key('vis', site), d.visitors)
  zaddLatest(key('ses', site), d.sessions)
  zaddLatest(key('buy', site), d.buyers)

  zaddLatest(key('ord', site), d.orders)

  local written = {}
  for i, group in ipairs(p.groups) do written[group] = addGroup(site, group, d[group], p.lows[i]) end

  if not d.segment then
    local namesKey = key('names', site)
    for id, name in pairs(d.names) do redis.call('HSET', namesKey, id, name) end
  end

  for minute, n in pairs(d.minutePageviews) do
    local k = key('mpv', site, minute)
    redis.call('INCRBY', k, n)
    redis.call('PEXPIRE', k, p.minuteTtlMs)
  end
  for minute, vids in pairs(d.minuteVisitors) do
    local k = key('mv', site, minute)
    inChunks(vids, function(i, j) redis.call('SADD', k, unpack(vids, i, j)) end)
    redis.call('PEXPIRE', k, p.minuteTtlMs)
  end

  if #d.recent > 0 then
    local recentKey = key('recent', site)
    for _, e in ipairs(d.recent) do redis.call('LPUSH', recentKey, cjson.encode(e)) end
    redis.call('LTRIM', recentKey, 0, p.recentEvents - 1)
  end

  -- per partition, for /metrics in O(partitions): every active visitor of every site (site|visitor),
  -- each site's latest event, and each site's active users as of its latest batch
  if not d.segment then
    local latest = 0
    for vid, t in pairs(d.visitors) do
      redis.call('ZADD', partitionKey('allvis'), 'GT', t, site .. '|' .. vid)
      if t > latest then latest = t end
    end
    if latest > 0 then
      redis.call('ZADD', partitionKey('active'), 'GT', latest, site)
      redis.call('ZADD', partitionKey('users'), redis.call('ZCOUNT', key('vis', site), p.activeStart, '+inf'), site)
    end
  end

  -- every key of a site expires when the site goes quiet for longer than the longest window it feeds
  for _, name in ipairs(d.segment and segmentKeys or siteKeys) do
    redis.call('PEXPIRE', key(name, site), p.siteTtlMs)
  end
  for _, group in ipairs(p.groups) do
    if written[group] then
      redis.call('PEXPIRE', key('agg:' .. group, site), p.siteTtlMs)
      redis.call('PEXPIRE', key('rank:' .. group, site), p.siteTtlMs)
    end
  end

  local before = '(' .. string.format('%d', p.distinctStart)
  redis.call('ZREMRANGEBYSCORE', key('vis', site), '-inf', before)
  redis.call('ZREMRANGEBYSCORE', key('ses', site), '-inf', before)
  redis.call('ZREMRANGEBYSCORE', key('buy', site), '-inf', before)
  redis.call('ZREMRANGEBYSCORE', key('ord', site), '-inf', before)
end

-- per site: derived sessions, attributions, live carts, the orders' ledger, the index of its segments
for site, c in pairs(p.changes) do
  for vid, v in pairs(c.derived) do redis.call('SET', key('sess', site, vid), v[2], 'PX', p.sessionTtlMs) end
  for k, v in pairs(c.attributions) do redis.call('SET', key('sa', site, k), v[2], 'PX', p.siteTtlMs) end
  for k, v in pairs(c.carts) do redis.call('SET', key('cart', site, k), v[2], 'PX', p.siteTtlMs) end
  for order, v in pairs(c.orders) do redis.call('SET', key('order', site, order), v[2], 'PX', p.orderMemoryMs) end
  -- the day rollups and the first times of the day (windows/days.ts), each kept a while after its day
  for date, day in pairs(c.days) do
    local dayKey = key('day', site, date)
    for field, n in pairs(day.hours) do
      if n ~= 0 then redis.call('HINCRBY', dayKey, field, n) end
    end
    expireIn(dayKey, day['until'] + p.dayKeepMs.hours)
    for hour, fields in pairs(day.minutes) do
      local minuteKey = key('dmin', site, date .. ':' .. hour)
      for field, n in pairs(fields) do
        if n ~= 0 then redis.call('HINCRBY', minuteKey, field, n) end
      end
      expireIn(minuteKey, day['until'] + p.dayKeepMs.minutes)
    end
  end
  for name, members in pairs(c.firsts) do
    local set, date = string.match(name, '^([^:]+):(.+)$')
    local firstKey = key(set, site, date)
    local args = {}
    for member, v in pairs(members) do
      args[#args + 1] = v[2]
      args[#args + 1] = member
      if #args >= 1000 then
        redis.call('ZADD', firstKey, 'LT', unpack(args))
        args = {}
      end
    end
    if #args > 0 then redis.call('ZADD', firstKey, 'LT', unpack(args)) end
    local day = c.days[date]
    if day then expireIn(firstKey, day['until'] + p.dayKeepMs.firsts) end
  end
  if #c.segments > 0 then
    local segs = key('segs', site)
    for _, segment in ipairs(c.segments) do redis.call('ZADD', segs, p.now, segment) end
    redis.call('ZREMRANGEBYSCORE', segs, '-inf', '(' .. string.format('%d', p.now - p.siteTtlMs))
    redis.call('PEXPIRE', segs, p.siteTtlMs)
  end
end

local activeBefore = '(' .. string.format('%d', p.activeStart)
redis.call('ZREMRANGEBYSCORE', partitionKey('allvis'), '-inf', activeBefore)
local quiet = redis.call('ZRANGEBYSCORE', partitionKey('active'), '-inf', activeBefore)
inChunks(quiet, function(i, j) redis.call('ZREM', partitionKey('users'), unpack(quiet, i, j)) end)
redis.call('ZREMRANGEBYSCORE', partitionKey('active'), '-inf', activeBefore)
local touched = {}
for site, d in pairs(p.sites) do
  now[site] = watermarks(site)
  if not d.segment then touched[#touched + 1] = site end
end
-- live dashboards of these sites read them again (pub/sub has no keys: nothing to declare)
if #touched > 0 then redis.call('PUBLISH', p.channel, table.concat(touched, ',')) end
return cjson.encode({status = 'ok', state = now})
