namespace AgentGate.Gateway.Config;

/// <summary>Agent token lifetimes: the default when a request names none, and the upper bound.</summary>
internal sealed record TokenConfig(TimeSpan DefaultTtl, TimeSpan MaxTtl);
