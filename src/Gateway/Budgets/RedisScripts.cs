namespace AgentGate.Gateway.Budgets;

/// <summary>The Lua scripts of <see cref="RedisBudgetStore"/>; README.md documents the key schema.</summary>
internal static class RedisScripts
{
    // KEYS: 1 backoff, 2 concurrency zset, 3 limit overrides hash, then buckets, then budget counters.
    // ARGV: now, bucketCount, budgetCount, maxConcurrent, leaseId, leaseExpiry, windowMs,
    //       per bucket (capacity, amount), per budget (limitId, defaultLimit, amount, ttlSeconds).
    // Returns {outcome, index, retryAfterMs, spent, limit}; nothing is written unless everything fits.
    public static RedisScript Reserve { get; } = new(ReserveSource);

    public static RedisScript Settle { get; } = new(SettleSource);

    private const string ReserveSource = """
        local now = tonumber(ARGV[1])
        local nb = tonumber(ARGV[2])
        local ng = tonumber(ARGV[3])
        local maxc = tonumber(ARGV[4])
        local win = tonumber(ARGV[7])
        local untilMs = tonumber(redis.call('GET', KEYS[1]) or '0')
        if untilMs > now then return {1, 0, untilMs - now, 0, 0} end
        if maxc > 0 then
          redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
          if redis.call('ZCARD', KEYS[2]) >= maxc then return {1, -1, 1000, 0, 0} end
        end
        local after = {}
        local stamps = {}
        for i = 1, nb do
          local cap = tonumber(ARGV[6 + i * 2])
          local amt = tonumber(ARGV[7 + i * 2])
          local st = redis.call('HMGET', KEYS[3 + i], 't', 'ts')
          local t = tonumber(st[1])
          local ts = tonumber(st[2])
          if t == nil then t = cap ts = now end
          if now > ts then t = math.min(cap, t + (now - ts) * cap / win) ts = now end
          if t < amt and t < cap then
            return {1, i, math.ceil((math.min(amt, cap) - t) * win / cap), 0, 0}
          end
          after[i] = t - amt
          stamps[i] = ts
        end
        local base = 7 + nb * 2
        for j = 1, ng do
          local a = base + (j - 1) * 4
          local limit = tonumber(redis.call('HGET', KEYS[3], ARGV[a + 1]) or ARGV[a + 2])
          local spent = tonumber(redis.call('GET', KEYS[3 + nb + j]) or '0')
          if limit >= 0 and spent + tonumber(ARGV[a + 3]) > limit then return {2, j, 0, spent, limit} end
        end
        for i = 1, nb do
          redis.call('HSET', KEYS[3 + i], 't', tostring(after[i]), 'ts', stamps[i])
          redis.call('PEXPIRE', KEYS[3 + i], 2 * win)
        end
        for j = 1, ng do
          local a = base + (j - 1) * 4
          redis.call('INCRBY', KEYS[3 + nb + j], ARGV[a + 3])
          redis.call('EXPIRE', KEYS[3 + nb + j], ARGV[a + 4])
        end
        if maxc > 0 then
          redis.call('ZADD', KEYS[2], ARGV[6], ARGV[5])
          redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[6]) - now + 60000)
        end
        return {0, 0, 0, 0, 0}
        """;

    // KEYS: 1 backoff, 2 concurrency zset, then buckets, then budget counters.
    // ARGV: now, bucketCount, budgetCount, leaseId, backoffUntil, windowMs, per bucket (capacity, refund),
    //       per budget (delta, ttlSeconds).
    private const string SettleSource = """
        local now = tonumber(ARGV[1])
        local nb = tonumber(ARGV[2])
        local ng = tonumber(ARGV[3])
        local win = tonumber(ARGV[6])
        redis.call('ZREM', KEYS[2], ARGV[4])
        for i = 1, nb do
          local cap = tonumber(ARGV[5 + i * 2])
          local st = redis.call('HMGET', KEYS[2 + i], 't', 'ts')
          local t = tonumber(st[1])
          local ts = tonumber(st[2])
          if t == nil then t = cap ts = now end
          if now > ts then t = math.min(cap, t + (now - ts) * cap / win) ts = now end
          t = math.min(cap, t + tonumber(ARGV[6 + i * 2]))
          redis.call('HSET', KEYS[2 + i], 't', tostring(t), 'ts', ts)
          redis.call('PEXPIRE', KEYS[2 + i], 2 * win)
        end
        local base = 6 + nb * 2
        for j = 1, ng do
          local d = tonumber(ARGV[base + (j - 1) * 2 + 1])
          if d ~= 0 then
            redis.call('INCRBY', KEYS[2 + nb + j], d)
            redis.call('EXPIRE', KEYS[2 + nb + j], ARGV[base + (j - 1) * 2 + 2])
          end
        end
        local untilMs = tonumber(ARGV[5])
        if untilMs > now and untilMs > tonumber(redis.call('GET', KEYS[1]) or '0') then
          redis.call('SET', KEYS[1], untilMs, 'PX', untilMs - now)
        end
        return 0
        """;
}
