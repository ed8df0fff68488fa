namespace AgentGate.Gateway.Config;

/// <summary>A model provider upstream: its wire format, base address and credential reference.</summary>
internal sealed record ProviderConfig(string Name, ProviderType Type, Uri BaseUrl, SecretReference Secret);
