namespace AgentGate.Sandbox.Fleet;

/// <summary>Labels on every container and network AgentGate creates; teardown and the reaper find things by them.</summary>
public static class SandboxLabels
{
    public const string Managed = "io.agentgate.managed";
    public const string Fleet = "io.agentgate.fleet";
    public const string Agent = "io.agentgate.agent";
    public const string Role = "io.agentgate.role";
    public const string Task = "io.agentgate.task";
    public const string Gateway = "io.agentgate.gateway";
    public const string TokenId = "io.agentgate.token-id";
    public const string Bridge = "io.agentgate.bridge";
}
