using AgentGate.Gateway.Config;

namespace AgentGate.Gateway.Proxy;

/// <summary>The providers of the current configuration snapshot, looked up by route name.</summary>
internal sealed class ProviderRegistry
{
    private readonly Dictionary<string, ProviderRoute> _routes;

    public ProviderRegistry(GatewayConfig config)
    {
        _routes = config.Providers.Values.ToDictionary(p => p.Name, p => new ProviderRoute(p), StringComparer.Ordinal);
    }

    public IReadOnlyCollection<ProviderRoute> All => _routes.Values;

    public ProviderRoute? Find(string name) => _routes.GetValueOrDefault(name);
}
