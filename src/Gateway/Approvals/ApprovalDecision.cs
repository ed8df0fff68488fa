namespace AgentGate.Gateway.Approvals;

/// <summary>A human's verdict on a pending approval.</summary>
internal sealed record ApprovalDecision(bool Approve, string DecidedBy, DateTimeOffset DecidedAt, string? Comment)
{
    public ApprovalState State => Approve ? ApprovalState.Approved : ApprovalState.Denied;
}
