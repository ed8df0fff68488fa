using Microsoft.Extensions.Logging;

namespace AgentGate.Gateway.Mcp;

internal sealed partial class McpProxyHandler
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "MCP tools/call {Server}/{Tool} by {Agent} refused: {Type} ({Rule})")]
        public static partial void ToolRefused(ILogger logger, string agent, string server, string tool, string type, string? rule);

        [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "Request {RequestId} to MCP server {Server} failed: {Detail}")]
        public static partial void UpstreamFailed(ILogger logger, string requestId, string server, string detail);
    }
}
