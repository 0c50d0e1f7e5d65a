--[[
  Key names of one partition. Every key starts with the partition prefix (`cp:{p3}:`), so all of them
  share the partition's hash tag and one Redis Cluster slot.
  Needs: `pre`, the prefix (set by the script from its parameters).
]]
local pre = ''
local function key(name, site) return pre .. name .. ':' .. site end
local function bucketKey(group, site, bucket) return key('b:' .. group, site) .. ':' .. bucket end
