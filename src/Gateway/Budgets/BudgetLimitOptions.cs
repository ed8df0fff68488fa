namespace AgentGate.Gateway.Budgets;

/// <summary>A token and money limit; null means unlimited.</summary>
internal sealed class BudgetLimitOptions
{
    public long? Tokens { get; set; }

    /// <summary>USD.</summary>
    public decimal? Cost { get; set; }
}
