namespace AgentGate.Gateway.Budgets;

/// <summary>One model call asking for admission. <see cref="Task"/> and <see cref="Session"/> may be empty.</summary>
internal sealed record AdmissionRequest
{
    public required string Provider { get; init; }

    public required string Agent { get; init; }

    public string Role { get; init; } = "";

    public string Task { get; init; } = "";

    public string Session { get; init; } = "";

    public required string Model { get; init; }

    public long EstimatedInputTokens { get; init; }

    /// <summary>The request's max_tokens; 0 uses <see cref="BudgetOptions.DefaultMaxOutputTokens"/>.</summary>
    public long MaxOutputTokens { get; init; }
}
