namespace AgentGate.Sandbox.Fleet;

/// <summary>What `fleet up` created: the network, the URL agents use for the gateway, and each agent's container.</summary>
public sealed record FleetUpResult(
    string Fleet,
    string NetworkId,
    string NetworkName,
    string BridgeName,
    string GatewayAddress,
    string GatewayUrl,
    IReadOnlyList<AgentStatus> Agents);
