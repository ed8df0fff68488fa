using AgentGate.Gateway.Config;

namespace AgentGate.Gateway.Proxy;

/// <summary>A configured provider with its resolved credential, ready to forward to.</summary>
internal sealed class ProviderRoute
{
    public ProviderRoute(ProviderConfig config)
    {
        Config = config;
        Credential = SecretResolver.Resolve(config.Secret, out var problem);
        CredentialProblem = problem;
        DestinationPrefix = config.BaseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
        Transformer = new ProviderTransformer(this);
    }

    public ProviderConfig Config { get; }
    public string Name => Config.Name;
    public ProviderType Type => Config.Type;
    public string DestinationPrefix { get; }

    /// <summary>The real provider key; null when its reference could not be resolved.</summary>
    public string? Credential { get; }

    public string? CredentialProblem { get; }
    public ProviderTransformer Transformer { get; }
}
