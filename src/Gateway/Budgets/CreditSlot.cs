namespace AgentGate.Gateway.Budgets;

/// <summary>A concurrency-set member this replica holds in Redis (a call's lease id, or a granted extra "#n"),
/// with its expiry there and when it was last freed (given back after the hold unused).</summary>
internal readonly record struct CreditSlot(string Key, string Member, long ExpiresAtMs, long FreedAtMs);
