namespace AgentGate.Sandbox.Fleet;

/// <summary>One row of `agentgate fleet ps`.</summary>
public sealed record AgentStatus(
    string Fleet,
    string Agent,
    string Role,
    string Task,
    string ContainerId,
    string ContainerName,
    string State,
    bool Running,
    string Image,
    string Gateway);
