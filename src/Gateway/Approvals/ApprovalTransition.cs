namespace AgentGate.Gateway.Approvals;

/// <summary>The outcome of a decision: applied, or the approval as it stands (null when it is not known).</summary>
internal readonly record struct ApprovalTransition(bool Applied, Approval? Current);
