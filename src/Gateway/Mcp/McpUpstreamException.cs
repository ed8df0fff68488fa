namespace AgentGate.Gateway.Mcp;

/// <summary>An upstream MCP server could not be reached or used (a stdio process that will not start or died).</summary>
internal sealed class McpUpstreamException(string message) : Exception(message);
