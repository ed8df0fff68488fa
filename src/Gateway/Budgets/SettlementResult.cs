namespace AgentGate.Gateway.Budgets;

/// <summary>Outcome of a settlement: the real cost (for the audit record) and the session's context usage.</summary>
internal readonly record struct SettlementResult(decimal CostUsd, ContextUsage? Context, bool FleetBackoff);
