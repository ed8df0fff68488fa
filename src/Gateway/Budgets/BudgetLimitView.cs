namespace AgentGate.Gateway.Budgets;

/// <summary>One limit on the admin surface; cost values are USD, -1/null limit means unlimited.</summary>
internal sealed record BudgetLimitView(string Id, string Scope, string Name, string Unit, string Period, decimal? Limit, decimal Spent, bool Overridden);
