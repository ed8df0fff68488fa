namespace AgentGate.Gateway.Tests.Infrastructure;

/// <summary>What the fake upstream received: path and the credential headers.</summary>
internal sealed record SeenRequest(string Path, string? ApiKey, string? Authorization, string? AcceptEncoding, string Body);
