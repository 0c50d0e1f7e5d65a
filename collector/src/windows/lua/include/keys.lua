--[[
  Key names of one partition. Every key starts with the partition prefix (`cp:{p3}:`), so all of them
  share the partition's hash tag and one Redis Cluster slot. Every name a script touches must be among
  its KEYS (Redis Cluster checks declared keys before the script runs, so a slot that is moving makes
  the call wait, never fail half-way): a name that is not declared is an error here, loudly.
  Needs: `pre`, the prefix (set by the script from its parameters).
]]
local pre = ''
local declared = {}
for _, name in ipairs(KEYS) do declared[name] = true end
local function checked(name)
  if not declared[name] then error('undeclared key ' .. name) end
  return name
end
-- `<prefix><name>:<site>[:<suffix>]`
local function key(name, site, suffix)
  if suffix == nil then return checked(pre .. name .. ':' .. site) end
  return checked(pre .. name .. ':' .. site .. ':' .. suffix)
end
local function bucketKey(group, site, bucket) return key('b:' .. group, site, bucket) end
-- `<prefix><name>`: keys of the whole partition
local function partitionKey(name) return checked(pre .. name) end
