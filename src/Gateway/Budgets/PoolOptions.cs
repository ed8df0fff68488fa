namespace AgentGate.Gateway.Budgets;

/// <summary>Limits of one provider account, shared by every agent and replica; 0 means unlimited.</summary>
internal sealed class PoolOptions
{
    public long RequestsPerMinute { get; set; }

    public long InputTokensPerMinute { get; set; }

    public long OutputTokensPerMinute { get; set; }

    public int MaxConcurrent { get; set; }

    /// <summary>How long a request may wait in the fair queue before it gets <c>rate_limited</c>.</summary>
    public TimeSpan MaxQueueWait { get; set; } = TimeSpan.FromSeconds(30);
}
