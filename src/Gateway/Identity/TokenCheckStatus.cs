namespace AgentGate.Gateway.Identity;

internal enum TokenCheckStatus
{
    Valid,
    Missing,
    Unknown,
    Expired,
    Revoked,
    UnknownAgent,
}
