using System.Net;
using AgentGate.Gateway.Mcp;
using AgentGate.Gateway.Tests.Infrastructure;
using AgentGate.Gateway.Tests.Metrics;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;

namespace AgentGate.Gateway.Tests.Mcp;

/// <summary>The <c>AgentGate.Mcp</c> meter, driven through the gateway with the SDK client and raw requests.</summary>
public sealed class McpMetricsTests
{
    private const string Calls = "agentgate.mcp.calls";

    [Fact]
    public async Task CallTool_EachOutcome_CountedByServerMethodToolAndOutcomeWithUpstreamLatency()
    {
        var (host, upstream) = await McpTestSetup.StartAsync();
        await using var _ = host;
        await using var __ = upstream;
        using var metrics = new MeasurementLog(host.Gateway.Services, McpMetrics.MeterName);
        await using var client = await McpTestSetup.ConnectAsync(host, await host.IssueTokenAsync(), "repo");

        await client.CallToolAsync("search", new Dictionary<string, object?> { ["query"] = "login" }, cancellationToken: TestContext.Timeout);
        await Assert.ThrowsAsync<McpProtocolException>(() => client.CallToolAsync("delete_repository", new Dictionary<string, object?> { ["name"] = "auth" }, cancellationToken: TestContext.Timeout).AsTask());
        await Assert.ThrowsAsync<McpProtocolException>(() => client.CallToolAsync("merge_pull_request", new Dictionary<string, object?> { ["number"] = 42 }, cancellationToken: TestContext.Timeout).AsTask());
        await Assert.ThrowsAsync<McpProtocolException>(() => client.CallToolAsync(
            "search", new Dictionary<string, object?> { ["query"] = "key " + GatewayTestHost.RealAnthropicKey }, cancellationToken: TestContext.Timeout).AsTask());

        var toolCalls = await EventuallyAsync(metrics, Calls, m => m.Count(c => c.Tag("method") == "tools/call") >= 4);
        var outcomes = toolCalls.Where(c => c.Tag("method") == "tools/call").Select(c => (c.Tag("server"), c.Tag("tool"), c.Tag("outcome"))).ToHashSet();
        Assert.Equal(
            new HashSet<(string?, string?, string?)>
            {
                ("repo", "search", "allowed"), ("repo", "delete_repository", "denied"),
                ("repo", "merge_pull_request", "approval_required"), ("repo", "search", "credential_leak"),
            },
            outcomes);
        Assert.Contains(toolCalls, c => c.Tag("method") is "initialize" or "server/discover" && (c.Tag("outcome"), c.Tag("tool")) == ("allowed", null));
        Assert.Contains(metrics.Of("agentgate.mcp.upstream.duration"), d => (d.Tag("server"), d.Tag("outcome")) == ("repo", "ok") && d.Value > 0);
    }

    [Fact]
    public async Task Post_UpstreamFailsOrServerUnknown_UpstreamErrorAndUnknownServer()
    {
        var (host, upstream) = await McpTestSetup.StartAsync(extra: new Dictionary<string, string?> { ["AgentGate:Mcp:Servers:broken:Command"] = "/nonexistent/agentgate-mcp-server" });
        await using var _ = host;
        await using var __ = upstream;
        using var metrics = new MeasurementLog(host.Gateway.Services, McpMetrics.MeterName);
        var token = await host.IssueTokenAsync();

        using var broken = await McpRawClient.PostAsync(host.Agent, token, "broken", McpRawClient.Initialize);
        using var unknown = await McpRawClient.PostAsync(host.Agent, token, "no-such-server-" + Guid.NewGuid().ToString("N"), McpRawClient.Initialize);

        Assert.Equal(HttpStatusCode.BadGateway, broken.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var calls = await EventuallyAsync(metrics, Calls, m => m.Count >= 2);
        Assert.Contains(calls, c => (c.Tag("server"), c.Tag("method"), c.Tag("outcome")) == ("broken", "initialize", "upstream_error"));
        Assert.Contains(calls, c => (c.Tag("server"), c.Tag("method"), c.Tag("outcome")) == ("unknown", "POST", "denied"));
        Assert.Contains(metrics.Of("agentgate.mcp.upstream.duration"), d => (d.Tag("server"), d.Tag("outcome")) == ("broken", "error"));
    }

    [Fact]
    public async Task Session_StdioInitializeThenDelete_ProcessGaugeUpThenDown()
    {
        var (host, upstream) = await McpTestSetup.StartAsync();
        await using var _ = host;
        await using var __ = upstream;
        using var metrics = new MeasurementLog(host.Gateway.Services, McpMetrics.MeterName);
        var client = await McpTestSetup.ConnectAsync(host, await host.IssueTokenAsync(), "issues", "2025-11-25");

        Assert.Equal(1, metrics.Of("agentgate.mcp.stdio.processes")[^1].Value);
        await client.DisposeAsync();

        Assert.Equal(0, metrics.Of("agentgate.mcp.stdio.processes")[^1].Value);
        Assert.Equal(0, host.Gateway.Services.GetRequiredService<StdioSessions>().Count);
    }

    private static async Task<IReadOnlyList<MeasurementLog.Measured>> EventuallyAsync(MeasurementLog metrics, string instrument, Func<IReadOnlyList<MeasurementLog.Measured>, bool> done)
    {
        // Counted when the audit records are written, just after the answer reached the client.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var seen = metrics.Of(instrument);
            if (done(seen) || DateTime.UtcNow > deadline)
            {
                return seen;
            }

            await Task.Delay(20);
        }
    }
}
