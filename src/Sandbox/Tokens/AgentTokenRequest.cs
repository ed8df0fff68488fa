using AgentGate.Sandbox.Fleet;

namespace AgentGate.Sandbox.Tokens;

/// <summary>Who a token is for: the fleet, the agent (id, role, lane, owner, task) and its container name.</summary>
public sealed record AgentTokenRequest(string Fleet, AgentSpec Agent, string ContainerName);
