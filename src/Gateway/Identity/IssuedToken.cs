namespace AgentGate.Gateway.Identity;

/// <summary>The one moment the plain token exists: returned to the caller that asked for it.</summary>
internal sealed record IssuedToken(string Token, string Id, DateTimeOffset ExpiresAt);
