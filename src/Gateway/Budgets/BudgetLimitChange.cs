namespace AgentGate.Gateway.Budgets;

/// <summary>The outcome of an admin limit change: an error message, or the effective limit before and after
/// (null = unlimited), in tokens or USD.</summary>
internal sealed record BudgetLimitChange(string? Error, decimal? Old, decimal? New);
