namespace AgentGate.Gateway.Config;

/// <summary>The validated, immutable configuration snapshot of one gateway process.</summary>
internal sealed record GatewayConfig(
    ListenerConfig Listeners,
    SecretReference? AdminToken,
    IReadOnlyDictionary<string, ProviderConfig> Providers,
    IReadOnlyDictionary<string, AgentConfig> Agents,
    AuditConfig Audit,
    TokenConfig Tokens,
    ProxyConfig Proxy)
{
    public AgentGate.Gateway.Enforcement.PolicySettings Policy { get; init; } = new();

    public AgentGate.Gateway.Mcp.McpSettings Mcp { get; init; } = new();
}
