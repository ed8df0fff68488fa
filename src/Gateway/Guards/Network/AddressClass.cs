namespace AgentGate.Gateway.Guards.Network;

/// <summary>Why a destination address is (or is not) reachable for agents' egress.</summary>
internal enum AddressClass
{
    Public,
    Loopback,
    Private,
    LinkLocal,
    SharedCgnat,
    CloudMetadata,
    Unspecified,
    Multicast,
    Broadcast,
    Reserved,
    UniqueLocal,
    Documentation,
}
