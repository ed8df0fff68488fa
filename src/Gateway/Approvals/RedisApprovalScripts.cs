namespace AgentGate.Gateway.Approvals;

/// <summary>
/// The Lua scripts that make every approval transition atomic across replicas. Keys built inside a script share
/// the prefix (and its hash tag) of the declared keys, so they live in the same cluster slot.
/// </summary>
internal static class RedisApprovalScripts
{
    /// <summary>KEYS: call, new approval, index. ARGV: approval key prefix, new id, doc, now, expires, call ttl, key ttl, created.
    /// Returns the id of the open approval for the call: the existing one if pending/approved and unexpired, else the new one.</summary>
    public const string Open = """
        local open = redis.call('GET', KEYS[1])
        if open then
          local s = redis.call('HMGET', ARGV[1] .. open, 'state', 'expires')
          if (s[1] == 'pending' or s[1] == 'approved') and tonumber(s[2]) > tonumber(ARGV[4]) then
            return open
          end
        end
        redis.call('HSET', KEYS[2], 'doc', ARGV[3], 'state', 'pending', 'expires', ARGV[5])
        redis.call('PEXPIRE', KEYS[2], ARGV[7])
        redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[6])
        redis.call('ZADD', KEYS[3], ARGV[8], ARGV[2])
        return ARGV[2]
        """;

    /// <summary>KEYS: approval. ARGV: new state, decided by, decided at, comment, now.
    /// Returns 'ok', 'missing', 'expired', or the current state when it is not pending.</summary>
    public const string Decide = """
        local s = redis.call('HMGET', KEYS[1], 'state', 'expires')
        if not s[1] then return 'missing' end
        if s[1] ~= 'pending' then return s[1] end
        if tonumber(s[2]) <= tonumber(ARGV[5]) then return 'expired' end
        redis.call('HSET', KEYS[1], 'state', ARGV[1], 'decidedBy', ARGV[2], 'decidedAt', ARGV[3], 'comment', ARGV[4])
        return 'ok'
        """;

    /// <summary>KEYS: call. ARGV: approval key prefix, now, consumed-at.
    /// Returns the consumed approval's id, or nil when the call has no approved, unexpired approval.</summary>
    public const string Consume = """
        local id = redis.call('GET', KEYS[1])
        if not id then return false end
        local key = ARGV[1] .. id
        local s = redis.call('HMGET', key, 'state', 'expires')
        if s[1] ~= 'approved' or tonumber(s[2]) <= tonumber(ARGV[2]) then return false end
        redis.call('HSET', key, 'state', 'consumed', 'consumedAt', ARGV[3])
        redis.call('DEL', KEYS[1])
        return id
        """;
}
