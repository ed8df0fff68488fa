namespace AgentGate.Gateway.Budgets;

/// <summary>Error types of the JSON error body; both map to HTTP 429.</summary>
internal static class BudgetErrorTypes
{
    public const string BudgetExceeded = "budget_exceeded";
    public const string RateLimited = "rate_limited";
}
