namespace AgentGate.Sandbox.Fleet;

/// <summary>What teardown removed.</summary>
public sealed record FleetDownResult(string Fleet, int ContainersRemoved, int NetworksRemoved, int TokensRevoked);
