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
    /// (now, bucketCount, budgetCount, maxConcurrent, leaseId, leaseExpiry, windowMs, extraSlots, share, per bucket
    /// (capacity, amount, extra), per budget (limitId, defaultLimit, amount, ttlSeconds, extra)).
    /// Returns 0 without a reservation, else {outcome, index, retryAfterMs, spent, limit}, and when reserved
    /// also {slotsGranted, per bucket and budget the extra granted}: replica credit (ReplicaCredit.cs). An extra
    /// is at most the requested extra, 1% of the limit (buckets and budgets) and 1/share of what is left after
    /// this call, and none when that is less than this call's amount; extra slots are the lease id + "#n". The reservation writes nothing unless everything fits (the
    /// settlements before it are applied either way).
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
        local share = tonumber(ARGV[9])
        local untilMs = tonumber(redis.call('GET', KEYS[1]) or '0')
        if untilMs > now then return {1, 0, untilMs - now, 0, 0} end
        local slots = 0
        if maxc > 0 then
          redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
          local used = redis.call('ZCARD', KEYS[2])
          if used >= maxc then return {1, -1, 1000, 0, 0} end
          slots = math.max(0, math.min(tonumber(ARGV[8]), math.floor((maxc - used - 1) / share)))
        end
        local after = {}
        local stamps = {}
        local grants = {}
        for i = 1, nb do
          local cap = tonumber(ARGV[7 + i * 3])
          local amt = tonumber(ARGV[8 + i * 3])
          local x = tonumber(ARGV[9 + i * 3])
          local st = redis.call('HMGET', KEYS[3 + i], 't', 'ts')
          local t = tonumber(st[1])
          local ts = tonumber(st[2])
          if t == nil then t = cap ts = now end
          if now > ts then t = math.min(cap, t + (now - ts) * cap / win) ts = now end
          if t < amt and t < cap then
            return {1, i, math.ceil((math.min(amt, cap) - t) * win / cap), 0, 0}
          end
          local g = 0
          if x > 0 then
            g = math.min(x, math.floor(cap / 100), math.floor((t - amt) / share))
            if g < amt then g = 0 end
          end
          after[i] = t - amt - g
          stamps[i] = ts
          grants[i] = g
        end
        local base = 9 + nb * 3
        for j = 1, ng do
          local a = base + (j - 1) * 5
          local limit = tonumber(redis.call('HGET', KEYS[3], ARGV[a + 1]) or ARGV[a + 2])
          local spent = tonumber(redis.call('GET', KEYS[3 + nb + j]) or '0')
          local amt = tonumber(ARGV[a + 3])
          if limit >= 0 and spent + amt > limit then return {2, j, 0, spent, limit} end
          local x = tonumber(ARGV[a + 5])
          local g = 0
          if x > 0 then
            if limit < 0 then g = x else g = math.min(x, math.floor(limit / 100), math.floor((limit - spent - amt) / share)) end
            if g < amt then g = 0 end
          end
          grants[nb + j] = g
        end
        for i = 1, nb do
          redis.call('HSET', KEYS[3 + i], 't', tostring(after[i]), 'ts', stamps[i])
          redis.call('PEXPIRE', KEYS[3 + i], 2 * win)
        end
        for j = 1, ng do
          local a = base + (j - 1) * 5
          local amt = string.format('%d', tonumber(ARGV[a + 3]) + grants[nb + j])
          if redis.call('INCRBY', KEYS[3 + nb + j], amt) == tonumber(amt) then
            redis.call('EXPIRE', KEYS[3 + nb + j], ARGV[a + 4])
          end
        end
        if maxc > 0 then
          redis.call('ZADD', KEYS[2], ARGV[6], ARGV[5])
          for n = 1, slots do redis.call('ZADD', KEYS[2], ARGV[6], ARGV[5] .. '#' .. n) end
          redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[6]) - now + 60000)
        end
        local r = {0, 0, 0, 0, 0, slots}
        for i = 1, nb + ng do r[6 + i] = grants[i] end
        return r
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
