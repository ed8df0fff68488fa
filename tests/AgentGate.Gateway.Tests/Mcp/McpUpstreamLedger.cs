using System.Collections.Concurrent;

namespace AgentGate.Gateway.Tests.Mcp;

/// <summary>What the upstream MCP server saw: every request's credential headers and every tool it ran.</summary>
internal sealed class McpUpstreamLedger
{
    public ConcurrentQueue<(string? Authorization, string? ApiKey, string? SessionId)> Requests { get; } = new();

    public ConcurrentDictionary<string, int> ToolCalls { get; } = new(StringComparer.Ordinal);

    /// <summary>Completing this lets list_files finish after its first progress notification.</summary>
    public TaskCompletionSource ReleaseSlowTool { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Calls(string tool) => ToolCalls.GetValueOrDefault(tool);

    public void Ran(string tool) => ToolCalls.AddOrUpdate(tool, 1, (_, n) => n + 1);
}
