namespace AgentGate.Gateway.Mcp;

/// <summary>The MCP servers of the configuration, looked up by the <c>{server}</c> of <c>/mcp/{server}</c>.</summary>
internal sealed class McpServerRegistry(McpSettings settings)
{
    private readonly Dictionary<string, McpServerRoute> _routes =
        settings.Servers.Values.ToDictionary(s => s.Name, s => new McpServerRoute(s), StringComparer.Ordinal);

    public IReadOnlyCollection<McpServerRoute> All => _routes.Values;

    public McpServerRoute? Find(string name) => _routes.GetValueOrDefault(name);
}
