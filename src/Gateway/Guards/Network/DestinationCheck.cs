using System.Net;

namespace AgentGate.Gateway.Guards.Network;

/// <summary>
/// The address to connect to (already checked) or a refusal. Callers must connect to <see cref="Address"/>
/// and never resolve the host again, so a rebinding DNS answer cannot swap in an internal address.
/// </summary>
internal sealed record DestinationCheck(bool Allowed, IPAddress? Address, string? Refusal, AddressClass? BlockedClass = null)
{
    public static DestinationCheck Ok(IPAddress address) => new(true, address, null);

    public static DestinationCheck Deny(string reason, AddressClass? cls = null) => new(false, null, reason, cls);
}
