#!lua flags=allow-oom
--[[
  heartbeat: a consumer says it is alive, and learns how many are, to take its fair share of the
  partition leases (consumer/leases.ts). Allowed while Redis is out of memory, like the leases.

  KEYS[1]  the consumers' sorted set (`cp:consumers`), name → last heartbeat
  ARGV[1]  the consumer's name
  ARGV[2]  now, epoch ms
  ARGV[3]  how long a silent consumer still counts as alive, ms
  Reply    JSON: {"live": number of consumers alive}
]]
local consumers, me, now, ttl = KEYS[1], ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
redis.call('ZADD', consumers, now, me)
redis.call('ZREMRANGEBYSCORE', consumers, '-inf', now - ttl)
redis.call('PEXPIRE', consumers, 10 * ttl)
return cjson.encode({live = redis.call('ZCARD', consumers)})
