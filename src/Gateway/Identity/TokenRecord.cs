namespace AgentGate.Gateway.Identity;

/// <summary>What the gateway keeps about an issued token: never the token itself, only its SHA-256 hash.</summary>
internal sealed record TokenRecord(string Id, string Hash, string AgentId, string? Task, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt)
{
    public bool Revoked { get; init; }
}
