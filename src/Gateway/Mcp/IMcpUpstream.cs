using Microsoft.AspNetCore.Http;

namespace AgentGate.Gateway.Mcp;

/// <summary>
/// Where an MCP server's traffic goes once the gate passed it: an HTTP server, or a stdio process the
/// gateway runs. Each writes the agent's response itself (JSON or SSE) and returns the upstream status.
/// </summary>
internal interface IMcpUpstream
{
    Task<int?> PostAsync(HttpContext context, McpServerRoute route, McpPost post, CancellationToken cancellationToken);

    /// <summary>The server's own SSE stream (server-initiated requests and notifications).</summary>
    Task<int?> GetAsync(HttpContext context, McpServerRoute route, McpToolsListFilter filter, string agentId, CancellationToken cancellationToken);

    /// <summary>Ends the agent's session named by <c>Mcp-Session-Id</c>.</summary>
    Task<int?> DeleteAsync(HttpContext context, McpServerRoute route, string agentId, CancellationToken cancellationToken);
}
