namespace AgentGate.Gateway.Mcp;

/// <summary>
/// The request headers that go upstream: MCP's own (<c>Mcp-Session-Id</c>, <c>MCP-Protocol-Version</c>,
/// <c>Mcp-Method</c>, <c>Mcp-Name</c>, <c>Mcp-Param-*</c>), content negotiation and stream resumption.
/// Everything else — above all the agent's Authorization / x-api-key — stays at the gateway.
/// </summary>
internal static class McpHeaders
{
    public static bool IsForwarded(string name) =>
        name.StartsWith("mcp-", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Accept", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Last-Event-ID", StringComparison.OrdinalIgnoreCase)
        || name.Equals("User-Agent", StringComparison.OrdinalIgnoreCase);
}
