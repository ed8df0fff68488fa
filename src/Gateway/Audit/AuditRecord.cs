namespace AgentGate.Gateway.Audit;

/// <summary>
/// One attributed call, allowed or denied. <see cref="PrevHash"/> and <see cref="Hash"/> are set by the
/// sink that appends it, which is the only place that knows the chain's head.
/// </summary>
internal sealed record AuditRecord
{
    public required DateTimeOffset Time { get; init; }
    public required string RequestId { get; init; }
    public string? Agent { get; init; }
    public string? Task { get; init; }
    public string? Session { get; init; }
    public required string Kind { get; init; }
    public string? Method { get; init; }
    public string? Target { get; init; }
    public string? Model { get; init; }
    public required string Decision { get; init; }
    public string? Reason { get; init; }
    public string? Rule { get; init; }
    public int? UpstreamStatus { get; init; }
    public double? LatencyMs { get; init; }
    public long? InputTokens { get; init; }
    public long? OutputTokens { get; init; }
    /// <summary>The policy bundle revision that decided the call (null where no policy ran).</summary>
    public string? PolicyRevision { get; init; }
    public string? ApprovalId { get; init; }
    /// <summary>Cost of the call in USD from the model price table, when known.</summary>
    public decimal? CostUsd { get; init; }
    /// <summary>Set when the session has passed the context-window warning threshold.</summary>
    public bool? ContextWarning { get; init; }
    /// <summary>Transparent upstream retries the call took (429/529/overloaded); null (omitted) when none.</summary>
    public int? Retries { get; init; }
    public string PrevHash { get; init; } = string.Empty;
    public string Hash { get; init; } = string.Empty;
}
