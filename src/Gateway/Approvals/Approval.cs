namespace AgentGate.Gateway.Approvals;

/// <summary>
/// A consequential action held for a human. It is bound to one exact call: the hash of the agent and
/// the action, the policy revision that asked for it, and an expiry. An approval lets exactly one
/// identical retry through.
/// </summary>
internal sealed record Approval
{
    public required string Id { get; init; }
    public required string ActionHash { get; init; }
    public required string PolicyRevision { get; init; }
    public required string Agent { get; init; }
    public required string Owner { get; init; }
    public string? Task { get; init; }
    public required string Kind { get; init; }
    public required string Action { get; init; }
    public required IReadOnlyList<string> Reasons { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public ApprovalState State { get; init; }
    public string? DecidedBy { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }
    public string? Comment { get; init; }
}
