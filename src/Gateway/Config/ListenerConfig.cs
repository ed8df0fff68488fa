using System.Net;

namespace AgentGate.Gateway.Config;

/// <summary>The two listeners: the agent-facing one and the admin one (never reachable from sandboxes).</summary>
internal sealed record ListenerConfig(IPEndPoint Agent, IPEndPoint Admin);
