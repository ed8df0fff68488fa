using AgentGate.Gateway.Config;

namespace AgentGate.Gateway.Enforcement;

/// <summary>Who is acting: the authenticated agent and its session.</summary>
internal sealed record CallIdentity(AgentConfig Agent, string? Task, string Session, string? Sandbox = null);
