using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using AgentGate.Gateway.Config;

namespace AgentGate.Gateway.Identity;

/// <summary>
/// Issues, validates and revokes agent tokens. Tokens are 256 random bits; only their SHA-256 hash
/// is stored, so a memory dump or a state export never yields a usable token.
/// </summary>
internal sealed class TokenStore(GatewayConfig config, TimeProvider time)
{
    public const string Prefix = "agt_";

    private readonly ConcurrentDictionary<string, TokenRecord> _byHash = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TokenRecord> _byId = new(StringComparer.Ordinal);

    public IssueResult Issue(string agentId, string? task, TimeSpan? ttl)
    {
        if (!config.Agents.ContainsKey(agentId))
        {
            return IssueResult.Fail($"agent '{agentId}' is not configured");
        }

        var lifetime = ttl ?? config.Tokens.DefaultTtl;
        if (lifetime <= TimeSpan.Zero || lifetime > config.Tokens.MaxTtl)
        {
            return IssueResult.Fail($"ttlSeconds must be between 1 and {(long)config.Tokens.MaxTtl.TotalSeconds}");
        }

        var token = Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var id = "tok_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var now = time.GetUtcNow();
        var record = new TokenRecord(id, Hash(token), agentId, task, now, now + lifetime);
        _byHash[record.Hash] = record;
        _byId[id] = record;
        return IssueResult.Ok(new IssuedToken(token, id, record.ExpiresAt));
    }

    public bool Revoke(string id)
    {
        if (!_byId.TryGetValue(id, out var record))
        {
            return false;
        }

        record.Revoked = true;
        return true;
    }

    public TokenCheck Check(string? presented)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return new TokenCheck(TokenCheckStatus.Missing, null, null);
        }

        if (!presented.StartsWith(Prefix, StringComparison.Ordinal) || !_byHash.TryGetValue(Hash(presented), out var record))
        {
            return new TokenCheck(TokenCheckStatus.Unknown, null, null);
        }

        if (record.Revoked)
        {
            return new TokenCheck(TokenCheckStatus.Revoked, record, null);
        }

        if (time.GetUtcNow() >= record.ExpiresAt)
        {
            return new TokenCheck(TokenCheckStatus.Expired, record, null);
        }

        return config.Agents.TryGetValue(record.AgentId, out var agent)
            ? new TokenCheck(TokenCheckStatus.Valid, record, agent)
            : new TokenCheck(TokenCheckStatus.UnknownAgent, record, null);
    }

    public static string Hash(string token)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(token), digest);
        return Convert.ToHexStringLower(digest);
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
