namespace AgentGate.Gateway.Budgets;

/// <summary>Everything one admission reserves atomically: backoff check, concurrency slot, pools, budgets.</summary>
internal sealed record ReservationPlan(
    string LeaseId,
    string BackoffKey,
    string ConcurrencyKey,
    int MaxConcurrent,
    long LeaseExpiryMs,
    BucketCharge[] Buckets,
    BudgetCharge[] Budgets,
    long WindowMs = BudgetOptions.DefaultWindowMs);
