namespace AgentGate.Policy;

/// <summary>Per-query overrides (test runners and tooling).</summary>
public sealed record QueryOptions
{
    public bool? StrictBuiltinErrors { get; init; }

    /// <summary>The frozen clock of this query; defaults to the bundle's TimeProvider.</summary>
    public DateTimeOffset? Now { get; init; }

    public TextWriter? PrintOutput { get; init; }
}
