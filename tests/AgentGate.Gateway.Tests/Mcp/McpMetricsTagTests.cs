using AgentGate.Gateway.Mcp;
using AgentGate.Gateway.Tests.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AgentGate.Gateway.Tests.Mcp;

/// <summary>Agents choose method and tool names; the tags they become stay bounded.</summary>
public sealed class McpMetricsTagTests
{
    [Fact]
    public void Message_ManyToolNamesAndUnknownMethods_TagsBounded()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var settings = new McpSettings();
        var stdio = new StdioSessions(settings, new FakeTimeProvider(), NullLogger<StdioProcess>.Instance);
        var metrics = new McpMetrics(services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), stdio);
        using var log = new MeasurementLog(services, McpMetrics.MeterName);

        for (var i = 0; i < McpMetrics.MaxToolTags + 100; i++)
        {
            metrics.Message("repo", "tools/call", "tool-" + i, "denied");
        }

        metrics.Message("repo", "tools/call", "tool-0", "allowed");
        metrics.Message("repo", "x-evil/" + Guid.NewGuid(), null, "allowed");

        var calls = log.Of("agentgate.mcp.calls");
        var tools = calls.Select(c => c.Tag("tool")).Where(t => t is not null).ToHashSet();
        Assert.Equal(McpMetrics.MaxToolTags + 1, tools.Count);
        Assert.Contains("other", tools);
        Assert.Equal("tool-0", calls[^2].Tag("tool"));
        Assert.Equal("other", calls[^1].Tag("method"));
    }
}
