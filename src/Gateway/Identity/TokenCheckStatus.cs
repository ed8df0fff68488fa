namespace AgentGate.Gateway.Identity;

internal enum TokenCheckStatus
{
    Valid,
    Missing,
    Unknown,
    Expired,
    Revoked,
    UnknownAgent,

    /// <summary>The shared token store could not be asked; the call is refused (fail closed).</summary>
    Unavailable,
}
