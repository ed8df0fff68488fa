namespace AgentGate.Sandbox.Runtime;

/// <summary>A network as the engine reports it; <see cref="GatewayAddress"/> is the host side of the bridge.</summary>
public sealed record NetworkInfo(
    string Id,
    string Name,
    string? BridgeName,
    string? Subnet,
    string? GatewayAddress,
    bool Internal,
    IReadOnlyDictionary<string, string> Labels);
