namespace AgentGate.Gateway.Identity;

/// <summary>Where token records live; bound from <c>AgentGate:Tokens</c> (lifetimes are read by the config reader).</summary>
internal sealed class TokenStorageOptions
{
    public const string SectionName = "AgentGate:Tokens";

    /// <summary>Embedded mode only: an append-only JSONL file of hashed records, so a restart keeps tokens. Unset: memory only.</summary>
    public string? Path { get; set; }

    /// <summary>Redis mode only: how long a replica trusts a positive lookup without asking Redis (0 disables the cache).</summary>
    public double CacheSeconds { get; set; } = 5;

    /// <summary>Redis mode only: the prefix of every token and approval key (a hash tag keeps them in one cluster slot).</summary>
    public string KeyPrefix { get; set; } = "agentgate:{identity}:";
}
