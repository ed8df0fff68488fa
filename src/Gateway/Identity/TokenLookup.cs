namespace AgentGate.Gateway.Identity;

/// <summary>A repository answer: the record (null when unknown), or that the store could not be asked.</summary>
internal readonly record struct TokenLookup(TokenRecord? Record, bool Unavailable)
{
    public static TokenLookup Found(TokenRecord? record) => new(record, false);

    public static TokenLookup Failed => new(null, true);
}
