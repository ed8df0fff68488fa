namespace AgentGate.Gateway.Guards.Leaks;

/// <summary>A gateway-held secret and the upstreams it may be sent to.</summary>
internal sealed record RegisteredSecret(string Name, string Value, IReadOnlyList<string> Upstreams);
