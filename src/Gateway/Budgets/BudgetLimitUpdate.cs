namespace AgentGate.Gateway.Budgets;

/// <summary>Body of <c>PUT /admin/budgets/limits/{id}</c>: tokens, or USD for cost limits; null removes the
/// override. <paramref name="By"/> names who made the change for the audit record (the admin token is shared).</summary>
internal sealed record BudgetLimitUpdate(decimal? Limit, string? By = null);
