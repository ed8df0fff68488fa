namespace AgentGate.Gateway.Budgets;

/// <summary>A finished call's settlement waiting to be sent to Redis, with the time it was settled at.</summary>
internal readonly record struct PendingSettlement(SettlementPlan Plan, long NowMs);
