namespace AgentGate.Gateway.Budgets;

/// <summary>A token-bucket charge against a per-minute pool limit (refills capacity per 60 s).</summary>
internal readonly record struct BucketCharge(string Key, long Capacity, long Amount, string Label);
