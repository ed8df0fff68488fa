namespace AgentGate.Gateway.Budgets;

/// <summary>Body of <c>PUT /admin/budgets/limits/{id}</c>: tokens, or USD for cost limits; null removes the override.</summary>
internal sealed record BudgetLimitUpdate(decimal? Limit);
