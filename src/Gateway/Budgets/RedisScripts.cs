namespace AgentGate.Gateway.Budgets;

/// <summary>The Lua scripts of <see cref="RedisBudgetStore"/>; README.md documents the key schema.</summary>
internal static class RedisScripts
{
    /// <summary>
    /// Settlements of finished calls, then optionally one reservation, in one <c>EVALSHA</c>: the pending
    /// settlements of a replica ride on its next reservation, so a call costs one round trip under load.
    /// KEYS: per settlement (backoff, concurrency zset, buckets…, budget counters…), then the reservation's
    /// keys (backoff, concurrency zset, limit overrides hash, buckets…, budget counters…).
    /// ARGV: settlementCount; per settlement (now, bucketCount, budgetCount, leaseId, backoffUntil, windowMs,
    /// per bucket (capacity, refund), per budget (delta, ttlSeconds)); then, when a reservation follows,
    /// (now, bucketCount, budgetCount, maxConcurrent, leaseId, leaseExpiry, windowMs, per bucket (capacity,
    /// amount), per budget (limitId, defaultLimit, amount, ttlSeconds)).
    /// Returns 0 without a reservation, else {outcome, index, retryAfterMs, spent, limit}; the reservation
    /// writes nothing unless everything fits (the settlements before it are applied either way).
    /// </summary>
    public static RedisScript Reserve { get; } = new(SettleSource + OffsetReservation(ReserveSource));

    /// <summary>The reservation reads its KEYS and ARGV after the settlements' (<c>K</c> and <c>A</c> consumed).</summary>
    private static string OffsetReservation(string source) =>
        "if ARGV[a] == nil then return 0 end\nlocal K = k - 1\nlocal A = a - 1\n" +
        source.Replace("ARGV[", "ARGV[A + ", StringComparison.Ordinal).Replace("KEYS[", "KEYS[K + ", StringComparison.Ordinal);

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
          local amt = tonumber(ARGV[a + 3])
          if redis.call('INCRBY', KEYS[3 + nb + j], amt) == amt then
            redis.call('EXPIRE', KEYS[3 + nb + j], ARGV[a + 4])
          end
        end
        if maxc > 0 then
          redis.call('ZADD', KEYS[2], ARGV[6], ARGV[5])
          redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[6]) - now + 60000)
        end
        return {0, 0, 0, 0, 0}
        """;

    // Leaves `a` and `k` at the first ARGV and KEYS index after the settlements.
    private const string SettleSource = """
        local a = 2
        local k = 1
        for s = 1, tonumber(ARGV[1]) do
          local now = tonumber(ARGV[a])
          local nb = tonumber(ARGV[a + 1])
          local ng = tonumber(ARGV[a + 2])
          local untilMs = tonumber(ARGV[a + 4])
          local win = tonumber(ARGV[a + 5])
          local backoff = KEYS[k]
          redis.call('ZREM', KEYS[k + 1], ARGV[a + 3])
          a = a + 6
          k = k + 2
          for i = 1, nb do
            local refund = tonumber(ARGV[a + 1])
            if refund ~= 0 then
              local cap = tonumber(ARGV[a])
              local st = redis.call('HMGET', KEYS[k], 't', 'ts')
              local t = tonumber(st[1])
              local ts = tonumber(st[2])
              if t == nil then t = cap ts = now end
              if now > ts then t = math.min(cap, t + (now - ts) * cap / win) ts = now end
              t = math.min(cap, t + refund)
              redis.call('HSET', KEYS[k], 't', tostring(t), 'ts', ts)
              redis.call('PEXPIRE', KEYS[k], 2 * win)
            end
            a = a + 2
            k = k + 1
          end
          for j = 1, ng do
            local d = tonumber(ARGV[a])
            -- A counter gets its TTL when this call creates it (the reservation normally did).
            if d ~= 0 and redis.call('INCRBY', KEYS[k], d) == d then
              redis.call('EXPIRE', KEYS[k], ARGV[a + 1])
            end
            a = a + 2
            k = k + 1
          end
          if untilMs > now and untilMs > tonumber(redis.call('GET', backoff) or '0') then
            redis.call('SET', backoff, untilMs, 'PX', untilMs - now)
          end
        end

        """;
}
