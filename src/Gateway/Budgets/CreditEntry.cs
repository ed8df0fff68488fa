namespace AgentGate.Gateway.Budgets;

/// <summary>
/// Replica credit on one bucket or budget key: granted by Redis on top of a reservation, spent and refunded
/// locally, given back when it is older than the hold. <see cref="Amount"/> may go below 0 (a call used more
/// than it reserved); the debt goes to Redis with the next return.
/// </summary>
internal sealed class CreditEntry(BucketCharge? bucket, BudgetCharge? budget, long windowMs)
{
    public long Amount { get; set; }

    public long GrantedAtMs { get; set; } = ReplicaCredit.Stale;

    /// <summary>The budget's limit id; null for a bucket.</summary>
    public string? LimitId => budget?.LimitId;

    /// <summary>The settlement that hands <see cref="Amount"/> back to Redis.</summary>
    public SettlementPlan Return(string unusedKey) =>
        new(
            "-",
            unusedKey,
            unusedKey,
            bucket is { } b ? [b with { Amount = Amount }] : [],
            budget is { } g ? [g with { Amount = -Amount }] : [],
            0,
            false,
            windowMs);
}
