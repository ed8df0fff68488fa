namespace AgentGate.Gateway.Budgets;

/// <summary>The latest input size of an agent session against its model's context window.</summary>
internal sealed record ContextUsage(string Session, string Agent, string Model, long InputTokens, long Window, DateTimeOffset UpdatedAt)
{
    public double Ratio => Window > 0 ? (double)InputTokens / Window : 0;

    public bool Flagged { get; init; }
}
