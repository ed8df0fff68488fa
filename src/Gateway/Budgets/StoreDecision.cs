namespace AgentGate.Gateway.Budgets;

/// <summary>The store's answer. <paramref name="Index"/> is the 1-based bucket (rate) or budget that refused,
/// 0 for the fleet backoff and -1 for the concurrency limit. <paramref name="Local"/> is true when the
/// decision came from the degraded-mode local store.</summary>
internal readonly record struct StoreDecision(
    StoreOutcome Outcome,
    int Index,
    long RetryAfterMs,
    long Spent,
    long Limit,
    bool Local)
{
    public static StoreDecision Reserved(bool local) => new(StoreOutcome.Reserved, 0, 0, 0, 0, local);
}
