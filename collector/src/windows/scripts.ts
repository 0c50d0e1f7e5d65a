/**
 * The two Lua scripts that own the rolling windows. Each runs atomically inside Redis and touches only
 * keys of one partition (all built from the partition prefix, e.g. `cp:{p3}:`), so it runs unchanged on
 * Redis Cluster; KEYS[1] is the partition's stream, which routes the call to the right shard.
 *
 * Sums (pageviews, funnel counts, revenue, top pages, top products) live in per-bucket hashes plus a
 * running aggregate per group; advancing a group's watermark subtracts the buckets that left the window.
 * Reads therefore cost the same whatever the event volume. Distinct counts (visitors, sessions, buyers,
 * orders) are sorted sets of id → latest time, counted with ZCOUNT from the window start.
 */

/** Shared by both scripts: key names and the watermark advance that evicts buckets left behind. */
const PRELUDE = `
local pre = ''
local p
local function key(name, site) return pre .. name .. ':' .. site end

local function advance(site, group, low)
  local wmKey = key('wm', site)
  local wm = tonumber(redis.call('HGET', wmKey, group))
  if wm ~= nil and low <= wm then return wm end
  if wm ~= nil then
    local agg, rank = key('agg:' .. group, site), key('rank:' .. group, site)
    local hi = tonumber(redis.call('HGET', wmKey, 'hi:' .. group)) or (wm - 1)
    if low > hi then
      redis.call('DEL', agg, rank)
    else
      local bucketPrefix = key('b:' .. group, site) .. ':'
      for b = wm, low - 1 do
        local fields = redis.call('HGETALL', bucketPrefix .. b)
        for i = 1, #fields, 2 do
          local field, n = fields[i], tonumber(fields[i + 1])
          if string.byte(field, 1) == 35 then
            redis.call('ZINCRBY', rank, n, string.sub(field, 2))
          else
            redis.call('HINCRBY', agg, field, -n)
          end
        end
      end
      redis.call('ZREMRANGEBYSCORE', rank, 0, '+inf')
    end
  end
  redis.call('HSET', wmKey, group, low)
  -- a watermark created here (a read of a quiet site) must not outlive the site's other keys
  if wm == nil then redis.call('PEXPIRE', wmKey, p.siteTtlMs, 'NX') end
  return low
end
`;

/**
 * Applies one pre-aggregated delta and acknowledges its stream entries, all or nothing. When any event
 * id was applied before (a client retry, or an entry another consumer already processed), it writes
 * nothing and returns `{'dup', ids}`; the caller rebuilds the delta without them and calls again.
 *
 * KEYS[1] stream; ARGV[1] group; ARGV[2] JSON payload (see consumer/apply.ts).
 */
export const APPLY_SCRIPT = `${PRELUDE}
local stream, group = KEYS[1], ARGV[1]
p = cjson.decode(ARGV[2])
pre = p.prefix

local function inChunks(list, fn)
  local i, n = 1, #list
  while i <= n do
    local j = math.min(i + 999, n)
    fn(i, j)
    i = j + 1
  end
end

local ids = p.ids
if #ids > 0 then
  local dups = {}
  for k = 0, p.dedupeGenerations - 1 do
    local seen = pre .. 'seen:' .. (p.generation - k)
    inChunks(ids, function(i, j)
      local flags = redis.call('SMISMEMBER', seen, unpack(ids, i, j))
      for x = 1, #flags do
        if flags[x] == 1 then dups[#dups + 1] = ids[i + x - 1] end
      end
    end)
  end
  if #dups > 0 then return {'dup', dups} end
  local seen = pre .. 'seen:' .. p.generation
  inChunks(ids, function(i, j) redis.call('SADD', seen, unpack(ids, i, j)) end)
  redis.call('PEXPIRE', seen, p.dedupeTtlMs)
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

local function addGroup(site, group, buckets, low)
  local wm = advance(site, group, low)
  local wmKey = key('wm', site)
  local agg, rank = key('agg:' .. group, site), key('rank:' .. group, site)
  local bucketPrefix = key('b:' .. group, site) .. ':'
  local hi = tonumber(redis.call('HGET', wmKey, 'hi:' .. group)) or -1
  local newHi = hi
  for bucketText, fields in pairs(buckets) do
    local b = tonumber(bucketText)
    if b >= wm then
      local bucketKey = bucketPrefix .. b
      for field, n in pairs(fields) do
        redis.call('HINCRBY', bucketKey, field, n)
        if string.byte(field, 1) == 35 then
          redis.call('ZINCRBY', rank, -n, string.sub(field, 2))
        else
          redis.call('HINCRBY', agg, field, n)
        end
      end
      redis.call('PEXPIRE', bucketKey, p.bucketTtlMs)
      if b > newHi then newHi = b end
    end
  end
  if newHi > hi then redis.call('HSET', wmKey, 'hi:' .. group, newHi) end
end

for site, d in pairs(p.sites) do

  -- sessions the client did not name: the visitor's, until sessionTimeoutMs without events
  local sessions = d.sessions
  for vid, times in pairs(d.anonymous) do
    local stateKey = key('sess', site) .. ':' .. vid
    local state = redis.call('GET', stateKey)
    local start, last
    if state then
      local a, b = string.match(state, '^(%-?[%d.]+):(%-?[%d.]+)$')
      start, last = tonumber(a), tonumber(b)
    end
    for _, t in ipairs(times) do
      if start == nil or t - last > p.sessionTimeoutMs then
        start, last = t, t
      end
      if t > last then last = t end
      if t >= p.distinctStart then
        local sid = vid .. '~' .. string.format('%d', start)
        if sessions[sid] == nil or sessions[sid] < t then sessions[sid] = t end
      end
    end
    redis.call('SET', stateKey, string.format('%d:%d', start, last), 'PX', p.sessionTtlMs)
  end

  zaddLatest(key('vis', site), d.visitors)
  zaddLatest(key('ses', site), sessions)
  zaddLatest(key('buy', site), d.buyers)

  -- orders: distinct ids by latest time; revenue once per order, at its first sighting
  local orderKey, firstKey = key('ord', site), key('ordfirst', site)
  for order, o in pairs(d.orders) do
    local first, last, currency, units = o[1], o[2], o[3], o[4]
    redis.call('ZADD', orderKey, 'GT', last, order)
    if redis.call('ZADD', firstKey, 'NX', first, order) == 1 and units > 0 and currency ~= '' then
      local b = tostring(math.floor(first / p.granularityMs))
      d.commerce[b] = d.commerce[b] or {}
      local field = 'r:' .. currency
      d.commerce[b][field] = (d.commerce[b][field] or 0) + units
    end
  end

  addGroup(site, 'pages', d.pages, p.pagesLow)
  addGroup(site, 'commerce', d.commerce, p.commerceLow)

  local namesKey = key('names', site)
  for id, name in pairs(d.names) do redis.call('HSET', namesKey, id, name) end

  for minute, n in pairs(d.minutePageviews) do
    local k = key('mpv', site) .. ':' .. minute
    redis.call('INCRBY', k, n)
    redis.call('PEXPIRE', k, p.minuteTtlMs)
  end
  for minute, vids in pairs(d.minuteVisitors) do
    local k = key('mv', site) .. ':' .. minute
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
  local latest = 0
  for vid, t in pairs(d.visitors) do
    redis.call('ZADD', pre .. 'allvis', 'GT', t, site .. '|' .. vid)
    if t > latest then latest = t end
  end
  if latest > 0 then
    redis.call('ZADD', pre .. 'active', 'GT', latest, site)
    redis.call('ZADD', pre .. 'users', redis.call('ZCOUNT', key('vis', site), p.activeStart, '+inf'), site)
  end

  -- every key of a site expires when the site goes quiet for longer than the longest window it feeds
  for _, name in ipairs({'vis', 'ses', 'buy', 'ord', 'wm', 'agg:pages', 'agg:commerce', 'rank:pages', 'rank:commerce', 'names', 'recent'}) do
    redis.call('PEXPIRE', key(name, site), p.siteTtlMs)
  end
  redis.call('PEXPIRE', firstKey, p.orderMemoryMs)

  local before = '(' .. string.format('%d', p.distinctStart)
  redis.call('ZREMRANGEBYSCORE', key('vis', site), '-inf', before)
  redis.call('ZREMRANGEBYSCORE', key('ses', site), '-inf', before)
  redis.call('ZREMRANGEBYSCORE', key('buy', site), '-inf', before)
  redis.call('ZREMRANGEBYSCORE', orderKey, '-inf', before)
  redis.call('ZREMRANGEBYSCORE', firstKey, '-inf', '(' .. string.format('%d', p.orderMemoryStart))
end

local activeBefore = '(' .. string.format('%d', p.activeStart)
redis.call('ZREMRANGEBYSCORE', pre .. 'allvis', '-inf', activeBefore)
local quiet = redis.call('ZRANGEBYSCORE', pre .. 'active', '-inf', activeBefore)
inChunks(quiet, function(i, j) redis.call('ZREM', pre .. 'users', unpack(quiet, i, j)) end)
redis.call('ZREMRANGEBYSCORE', pre .. 'active', '-inf', activeBefore)
return {'ok'}
`;

/**
 * Reads one site's snapshot at a time T, after moving the watermarks to T. Cost is independent of the
 * number of events: a few sorted-set counts, two small hashes, two top-10 ranges, the series keys.
 *
 * KEYS[1] stream (routing only); ARGV[1] JSON parameters (see snapshot.ts).
 */
export const SNAPSHOT_SCRIPT = `${PRELUDE}
p = cjson.decode(ARGV[1])
pre = p.prefix
local site = p.site
advance(site, 'pages', p.pagesLow)
advance(site, 'commerce', p.commerceLow)
local function count(name, from) return redis.call('ZCOUNT', key(name, site), from, '+inf') end
local topProducts = redis.call('ZRANGE', key('rank:commerce', site), 0, p.top - 1, 'WITHSCORES')
local names = {}
for i = 1, #topProducts, 2 do
  names[#names + 1] = redis.call('HGET', key('names', site), topProducts[i]) or ''
end
local pageviews, visitors = {}, {}
for m = p.firstMinute, p.firstMinute + p.minutes - 1 do
  pageviews[#pageviews + 1] = tonumber(redis.call('GET', key('mpv', site) .. ':' .. m) or 0)
  visitors[#visitors + 1] = redis.call('SCARD', key('mv', site) .. ':' .. m)
end
return {
  count('vis', p.activeStart),
  count('ses', p.activeStart),
  count('vis', p.commerceStart),
  count('buy', p.commerceStart),
  count('ord', p.commerceStart),
  redis.call('HGETALL', key('agg:pages', site)),
  redis.call('ZRANGE', key('rank:pages', site), 0, p.top - 1, 'WITHSCORES'),
  redis.call('HGETALL', key('agg:commerce', site)),
  topProducts,
  names,
  pageviews,
  visitors,
  redis.call('LRANGE', key('recent', site), 0, p.recentEvents - 1),
}
`;
