namespace AgentGate.Gateway.Budgets;

/// <summary>Corrections after a call: bucket refunds (positive) or extra debt (negative),
/// budget deltas (actual minus reserved), the freed slot and an optional fleet backoff.</summary>
internal sealed record SettlementPlan(
    string LeaseId,
    string BackoffKey,
    string ConcurrencyKey,
    BucketCharge[] BucketRefunds,
    BudgetCharge[] BudgetDeltas,
    long BackoffUntilMs,
    bool Local,
    long WindowMs = BudgetOptions.DefaultWindowMs);
