namespace AgentGate.Gateway.Budgets;

/// <summary>A token-bucket charge against a per-minute pool limit (refills capacity once per pool window, 60 s by default).</summary>
internal readonly record struct BucketCharge(string Key, long Capacity, long Amount, string Label);
