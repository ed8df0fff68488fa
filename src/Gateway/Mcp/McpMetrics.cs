using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace AgentGate.Gateway.Mcp;

/// <summary>
/// MCP proxy instruments on the <c>AgentGate.Mcp</c> meter. Tags stay low-cardinality although agents choose
/// them: an unconfigured server is <c>unknown</c>, a JSON-RPC method outside the MCP specification is
/// <c>other</c>, and past <see cref="MaxToolTags"/> distinct tool names further names are <c>other</c>.
/// </summary>
internal sealed class McpMetrics
{
    public const string MeterName = "AgentGate.Mcp";

    /// <summary>Distinct tool names (across servers) that get their own tag value.</summary>
    internal const int MaxToolTags = 512;

    private static readonly HashSet<string> KnownMethods = new(StringComparer.Ordinal)
    {
        "initialize", "server/discover", "ping", "tools/list", "tools/call", "resources/list", "resources/read",
        "resources/templates/list", "resources/subscribe", "resources/unsubscribe", "subscriptions/listen", "prompts/list",
        "prompts/get", "completion/complete", "logging/setLevel", "roots/list", "sampling/createMessage", "elicitation/create",
        "notifications/initialized", "notifications/cancelled", "notifications/progress", "notifications/message",
        "notifications/roots/list_changed", "notifications/elicitation/complete",
        "response", "GET", "POST", "DELETE",
    };

    private readonly Counter<long> _calls;
    private readonly Histogram<double> _upstreamDuration;
    private readonly ConcurrentDictionary<string, byte> _tools = new(StringComparer.Ordinal);

    public McpMetrics(IMeterFactory meterFactory, StdioSessions stdio)
    {
        var meter = meterFactory.Create(MeterName);
        _calls = meter.CreateCounter<long>("agentgate.mcp.calls", "{message}", "MCP messages by server, method, tool and outcome (allowed, denied, approval_required, credential_leak, upstream_error)");
        _upstreamDuration = meter.CreateHistogram<double>("agentgate.mcp.upstream.duration", "s", "Time an MCP server took to answer a forwarded POST or DELETE, by server and outcome (ok, error)");
        meter.CreateObservableGauge("agentgate.mcp.stdio.processes", () => stdio.Count, "{process}", "Stdio MCP server processes the gateway runs");
    }

    public void Message(string server, string method, string? tool, string outcome)
    {
        var tags = new TagList { { "server", server }, { "method", KnownMethods.Contains(method) ? method : "other" }, { "outcome", outcome } };
        if (tool is not null)
        {
            tags.Add("tool", ToolTag(tool));
        }

        _calls.Add(1, tags);
    }

    /// <summary>Times one upstream exchange; an exception or a 5xx answer is an error.</summary>
    public async Task<int?> UpstreamAsync(string server, Func<Task<int?>> exchange)
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = "error";
        try
        {
            var status = await exchange().ConfigureAwait(false);
            outcome = status is >= 500 ? "error" : "ok";
            return status;
        }
        finally
        {
            _upstreamDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new("server", server), new KeyValuePair<string, object?>("outcome", outcome));
        }
    }

    private string ToolTag(string tool)
    {
        // Racing callers may overshoot the bound by a few names; the bound is what matters, not its exact value.
        if (_tools.Count < MaxToolTags)
        {
            _tools.TryAdd(tool, 0);
        }

        return _tools.ContainsKey(tool) ? tool : "other";
    }
}
