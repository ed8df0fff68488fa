using System.Security.Cryptography;
using System.Text;
using AgentGate.Gateway.Config;

namespace AgentGate.Gateway.Identity;

/// <summary>
/// Issues, validates and revokes agent tokens. Tokens are 256 random bits; only their SHA-256 hash
/// is stored (in memory, a file or Redis: <see cref="ITokenRepository"/>), so a memory dump, the token file
/// or a Redis export never yields a usable token.
/// </summary>
internal sealed class TokenStore(GatewayConfig config, ITokenRepository repository, TimeProvider time)
{
    public const string Prefix = "agt_";

    public async ValueTask<IssueResult> IssueAsync(string agentId, string? task, TimeSpan? ttl, CancellationToken cancellationToken)
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
        await repository.AddAsync(record, cancellationToken).ConfigureAwait(false);
        return IssueResult.Ok(new IssuedToken(token, id, record.ExpiresAt));
    }

    public ValueTask<bool> RevokeAsync(string id, CancellationToken cancellationToken) => repository.RevokeAsync(id, cancellationToken);

    /// <summary>Synchronous when the repository answers from memory (embedded mode, or a cached Redis lookup).</summary>
    public ValueTask<TokenCheck> CheckAsync(string? presented, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return ValueTask.FromResult(new TokenCheck(TokenCheckStatus.Missing, null, null));
        }

        if (!presented.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return ValueTask.FromResult(new TokenCheck(TokenCheckStatus.Unknown, null, null));
        }

        var lookup = repository.FindAsync(Hash(presented), cancellationToken);
        return lookup.IsCompletedSuccessfully ? ValueTask.FromResult(Evaluate(lookup.Result)) : AwaitAsync(lookup);
    }

    public static string Hash(string token)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(token), digest);
        return Convert.ToHexStringLower(digest);
    }

    private async ValueTask<TokenCheck> AwaitAsync(ValueTask<TokenLookup> lookup) => Evaluate(await lookup.ConfigureAwait(false));

    private TokenCheck Evaluate(TokenLookup lookup)
    {
        if (lookup.Unavailable)
        {
            return new TokenCheck(TokenCheckStatus.Unavailable, null, null);
        }

        if (lookup.Record is not { } record)
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

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
