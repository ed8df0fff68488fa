namespace AgentGate.Sandbox.Runtime;

/// <summary>A bridge network; <see cref="Internal"/> means no route out, <see cref="InterContainer"/> false means agents cannot reach each other.</summary>
public sealed record NetworkSpec(
    string Name,
    string BridgeName,
    IReadOnlyDictionary<string, string> Labels,
    bool Internal = true,
    bool InterContainer = false,
    string? Subnet = null);
