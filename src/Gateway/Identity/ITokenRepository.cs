namespace AgentGate.Gateway.Identity;

/// <summary>
/// Where hashed token records live: process memory (embedded), a JSONL file (embedded, survives a restart) or
/// Redis (shared by every replica). Implementations never see a plain token, only its SHA-256 hash.
/// </summary>
internal interface ITokenRepository
{
    /// <summary>Stores a new record; it may be dropped by the store once <see cref="TokenRecord.ExpiresAt"/> passes.</summary>
    ValueTask AddAsync(TokenRecord record, CancellationToken cancellationToken);

    /// <summary>The record for a token hash, revoked or not (null when none is known), or that the store is unreachable.</summary>
    ValueTask<TokenLookup> FindAsync(string hash, CancellationToken cancellationToken);

    /// <summary>Marks the token revoked everywhere; false when the id is not known.</summary>
    ValueTask<bool> RevokeAsync(string id, CancellationToken cancellationToken);
}
