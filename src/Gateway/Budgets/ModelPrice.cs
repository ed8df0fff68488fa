namespace AgentGate.Gateway.Budgets;

/// <summary>USD per million tokens.</summary>
internal sealed class ModelPrice
{
    public decimal Input { get; set; }

    public decimal Output { get; set; }

    public decimal CacheRead { get; set; }
}
