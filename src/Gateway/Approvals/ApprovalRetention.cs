namespace AgentGate.Gateway.Approvals;

/// <summary>How long an approval stays listable after its expiry (the audit log keeps it for good).</summary>
internal static class ApprovalRetention
{
    public static readonly TimeSpan AfterExpiry = TimeSpan.FromHours(1);
}
