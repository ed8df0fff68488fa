namespace AgentGate.Gateway.Enforcement;

/// <summary>What an enforcement point does with a call: forward it, refuse it, or hold it for approval.</summary>
internal sealed record EnforcementOutcome(PolicyDecision Decision, EnforcementVerdict Verdict, string? ApprovalId)
{
    public bool Allowed => Verdict == EnforcementVerdict.Allow;

    public string ErrorType => Verdict == EnforcementVerdict.HeldForApproval ? "approval_required" : "policy_denied";

    public string AuditReason => Verdict switch
    {
        EnforcementVerdict.Allow when ApprovalId is not null => $"approved ({ApprovalId})",
        EnforcementVerdict.Allow => "allowed",
        EnforcementVerdict.HeldForApproval => $"approval_required ({ApprovalId}): {Decision.Message}",
        _ => "policy_denied: " + Decision.Message,
    };
}
