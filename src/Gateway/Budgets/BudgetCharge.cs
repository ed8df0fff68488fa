namespace AgentGate.Gateway.Budgets;

/// <summary>A charge against a spend counter; <paramref name="DefaultLimit"/> below 0 means unlimited
/// unless the store holds an admin override for <paramref name="LimitId"/>.</summary>
internal readonly record struct BudgetCharge(string Key, string LimitId, long DefaultLimit, long Amount, TimeSpan Ttl);
