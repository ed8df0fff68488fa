namespace AgentGate.Gateway.Config;

/// <summary>A known agent of the fleet; tokens are only issued for these.</summary>
internal sealed record AgentConfig(string Id, string Role, string Lane, string Owner);
