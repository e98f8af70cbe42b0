/**
 * The Redis store's operations as Lua scripts: each runs atomically on the server and reads the
 * server's clock (`TIME`), so processes on machines with skewed clocks still share one timeline.
 * Windows and slot sets are sorted sets scored in server milliseconds.
 *
 * @module
 */

/** Server time in ms, as every script starts. */
const NOW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/**
 * KEYS[1] window; ARGV limit, windowMs, a unique member. Returns 0 when admitted, else the ms
 * until the oldest event leaves the window.
 */
export const ADMIT = `${NOW}
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < limit then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], math.ceil(window))
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return math.max(1, math.ceil(tonumber(oldest[2]) + window - now))`;

/** Keeps a slot set's key alive as long as its longest lease, so idle sets vanish on their own. */
const EXPIRE_WITH_LEASES = `local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
if last[2] then redis.call('PEXPIREAT', KEYS[1], math.ceil(tonumber(last[2])) + 1000) end`;

/**
 * KEYS[1] slot set; ARGV limit (-1 = none), leaseMs, lease id, force (1/0). Returns 0 when the
 * lease is held, else the ms until the soonest lease expires.
 */
export const ACQUIRE = `${NOW}
local limit = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if ARGV[4] == '1' or limit < 0 or redis.call('ZSCORE', KEYS[1], ARGV[3]) or redis.call('ZCARD', KEYS[1]) < limit then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[3])
  ${EXPIRE_WITH_LEASES.replaceAll('\n', '\n  ')}
  return 0
end
local soonest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return math.max(1, math.ceil(tonumber(soonest[2]) - now))`;

/** KEYS[1..n] slot sets; ARGV leaseMs, then one lease id per key. Re-adds leases that expired. */
export const RENEW = `${NOW}
local expiry = now + tonumber(ARGV[1])
for i, key in ipairs(KEYS) do
  redis.call('ZADD', key, expiry, ARGV[i + 1])
  local last = redis.call('ZRANGE', key, -1, -1, 'WITHSCORES')
  redis.call('PEXPIREAT', key, math.ceil(tonumber(last[2])) + 1000)
end
return 0`;

/** KEYS[1] slot set; ARGV lease id, channel, the key's name for listeners. Publishes when a lease was held. */
export const RELEASE = `if redis.call('ZREM', KEYS[1], ARGV[1]) == 1 then
  redis.call('PUBLISH', ARGV[2], ARGV[3])
end
return 0`;

/**
 * KEYS[1] slot set; ARGV from, to, leaseMs, channel, the key's name. Moves a lease to a new id;
 * publishes when `to` was held already, since the set then lost a member.
 */
export const RENAME = `${NOW}
local removed = redis.call('ZREM', KEYS[1], ARGV[1])
local added = redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[2])
${EXPIRE_WITH_LEASES}
if removed == 1 and added == 0 then redis.call('PUBLISH', ARGV[4], ARGV[5]) end
return 0`;

/** KEYS[1..n] slot sets. Returns the unexpired leases of all of them. */
export const HELD = `${NOW}
local total = 0
for _, key in ipairs(KEYS) do
  total = total + redis.call('ZCOUNT', key, '(' .. now, '+inf')
end
return total`;
