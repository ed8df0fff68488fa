namespace AgentGate.Gateway.Approvals;

internal enum ApprovalState
{
    Pending,
    Approved,
    Denied,
    Consumed,
    Expired,
}
