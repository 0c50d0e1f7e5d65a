#!lua flags=allow-oom
--[[
  lease: a consumer's claim on one stream partition, so that N consumers share the partitions instead
  of each blocking on every one; and which collector evaluates the alert rules (`cp:{alerts}:lease`,
  alerts/runner.ts), so that a deployment evaluates them once however many collectors run. Leases only spread the work: two consumers on one partition (a lease
  that expired while its holder was still busy) are safe, since every apply is atomic and de-duplicated.
  It may run while Redis is out of memory (`allow-oom`, a few bytes): consumers keep their partitions
  through it and go on the moment Redis accepts writes again.

  KEYS[1]  the partition's lease key (`cp:{pN}:lease`)
  ARGV[1]  the consumer's name
  ARGV[2]  `take` (when free or already ours), `renew` (only when ours) or `release` (only when ours)
  ARGV[3]  time to live, ms
  Reply    JSON: {"held": true|false}, whether the consumer holds the lease after the call
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
if action == 'take' and not holder then
  redis.call('SET', lease, me, 'PX', ttl)
  return cjson.encode({held = true})
end
return cjson.encode({held = false})
