using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using AgentGate.Gateway.Mcp;
using AgentGate.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace AgentGate.Gateway.Tests.Mcp;

/// <summary>A real stdio MCP server (tests/AgentGate.McpTestServer) launched by the gateway and exposed as Streamable HTTP.</summary>
public sealed class McpStdioTests
{
    [Fact]
    public async Task CallTool_StdioServer_WorksWithItsEnvSecretAndNoneOfTheGatewaysEnvironment()
    {
        var (host, upstream) = await McpTestSetup.StartAsync();
        await using var _ = host;
        await using var __ = upstream;
        await using var client = await McpTestSetup.ConnectAsync(host, await host.IssueTokenAsync(), "issues");

        var issue = await client.CallToolAsync("get_issue", new Dictionary<string, object?> { ["number"] = 7 }, cancellationToken: TestContext.Timeout);
        var env = await client.CallToolAsync("list_files", cancellationToken: TestContext.Timeout);

        Assert.StartsWith("issue 7: login fails; tracker token " + McpTestSetup.TrackerSecret, Text(issue), StringComparison.Ordinal);
        var names = Text(env).Split('\n');
        Assert.Contains("TRACKER_TOKEN", names);
        Assert.Contains("TRACKER_MODE", names);
        Assert.DoesNotContain(names, n => n.StartsWith("AG_TEST_", StringComparison.Ordinal));
        var record = Assert.Single(await host.ReadAuditAsync(a => a.Any(r => r.Target == "issues/get_issue")), r => r.Kind == "tool" && r.Target == "issues/get_issue");
        Assert.Equal(("allow", "agentgate.tool"), (record.Decision, record.Rule));
    }

    [Fact]
    public async Task ListAndCall_StdioServer_FilteredAndDeniedLikeAnyServer()
    {
        var (host, upstream) = await McpTestSetup.StartAsync();
        await using var _ = host;
        await using var __ = upstream;
        await using var client = await McpTestSetup.ConnectAsync(host, await host.IssueTokenAsync(), "issues");

        var tools = (await client.ListToolsAsync(cancellationToken: TestContext.Timeout)).Select(t => t.Name).Order().ToArray();
        var denied = await Assert.ThrowsAsync<McpProtocolException>(() => client.CallToolAsync(
            "add_comment", new Dictionary<string, object?> { ["number"] = 7, ["text"] = "done" }, cancellationToken: TestContext.Timeout).AsTask());

        Assert.Equal(["get_issue", "list_files"], tools);
        Assert.Equal(-32051, (int)denied.ErrorCode);
        Assert.Contains("issues/add_comment is not allowed for role builder", denied.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Session_InitializeThenDelete_StartsAProcessPerSessionAndStopsIt()
    {
        var (host, upstream) = await McpTestSetup.StartAsync();
        await using var _ = host;
        await using var __ = upstream;
        var sessions = host.Gateway.Services.GetRequiredService<StdioSessions>();
        var client = await McpTestSetup.ConnectAsync(host, await host.IssueTokenAsync(), "issues", "2025-11-25");

        var issue = await client.CallToolAsync("get_issue", new Dictionary<string, object?> { ["number"] = 1 }, cancellationToken: TestContext.Timeout);
        Assert.StartsWith("mcps_", client.SessionId, StringComparison.Ordinal);
        Assert.Equal(1, sessions.Count);
        using var process = Process.GetProcessById(Pid(Text(issue)));

        await client.DisposeAsync();

        Assert.Equal(0, sessions.Count);
        await process.WaitForExitAsync(TestContext.Timeout);
        Assert.True(process.HasExited);
    }

    [Fact]
    public async Task Session_ProcessDies_NextRequestGetsAStructuredError()
    {
        var (host, upstream) = await McpTestSetup.StartAsync();
        await using var _ = host;
        await using var __ = upstream;
        var token = await host.IssueTokenAsync();
        using var init = await McpRawClient.PostAsync(host.Agent, token, "issues", McpRawClient.Initialize);
        var session = init.Headers.GetValues("Mcp-Session-Id").Single();
        using var first = await McpRawClient.PostAsync(host.Agent, token, "issues", McpRawClient.ToolCall(2, "get_issue", """{"number":3}"""), session);
        using var answer = JsonDocument.Parse(await first.Content.ReadAsStringAsync());
        using var process = Process.GetProcessById(Pid(answer.RootElement.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString()!));

        process.Kill();
        await process.WaitForExitAsync(TestContext.Timeout);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        HttpResponseMessage next;
        while (true)
        {
            next = await McpRawClient.PostAsync(host.Agent, token, "issues", McpRawClient.ToolCall(3, "get_issue", """{"number":3}"""), session);
            if (next.StatusCode == HttpStatusCode.NotFound || DateTime.UtcNow > deadline)
            {
                break;
            }

            // The gateway may see the pipe close a moment after the kill: the in-flight answer is then a JSON-RPC error.
            using var inflight = JsonDocument.Parse(await next.Content.ReadAsStringAsync());
            Assert.Equal(-32054, inflight.RootElement.GetProperty("error").GetProperty("code").GetInt32());
            next.Dispose();
        }

        using (next)
        {
            Assert.Equal(HttpStatusCode.NotFound, next.StatusCode);
            Assert.Equal("mcp_session_not_found", await ErrorBody.TypeAsync(next));
        }
    }

    [Fact]
    public async Task Post_BatchWithAllowedAndRefusedCalls_ForwardsOnlyTheAllowedOneAndAnswersBoth()
    {
        var (host, upstream) = await McpTestSetup.StartAsync();
        await using var _ = host;
        await using var __ = upstream;
        var token = await host.IssueTokenAsync();
        using var init = await McpRawClient.PostAsync(host.Agent, token, "issues", McpRawClient.Initialize);
        var session = init.Headers.GetValues("Mcp-Session-Id").Single();
        var batch = "[" + McpRawClient.ToolCall("ok", "get_issue", """{"number":5}""") + "," + McpRawClient.ToolCall("no", "add_comment", """{"number":5,"text":"x"}""") + "]";

        using var response = await McpRawClient.PostAsync(host.Agent, token, "issues", batch, session);

        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var answers = document.RootElement.EnumerateArray().ToDictionary(a => a.GetProperty("id").GetString()!);
        Assert.StartsWith("issue 5:", answers["ok"].GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(-32051, answers["no"].GetProperty("error").GetProperty("code").GetInt32());
        var calls = (await host.ReadAuditAsync(a => a.Count(r => r.Kind == "tool") >= 2)).Where(r => r.Kind == "tool").ToDictionary(r => r.Target!, r => r.Decision);
        Assert.Equal("allow", calls["issues/get_issue"]);
        Assert.Equal("deny", calls["issues/add_comment"]);
    }

    [Fact]
    public async Task Post_CommandThatCannotStart_UpstreamUnavailable()
    {
        var (host, upstream) = await McpTestSetup.StartAsync(extra: new Dictionary<string, string?> { ["AgentGate:Mcp:Servers:broken:Command"] = "/nonexistent/agentgate-mcp-server" });
        await using var _ = host;
        await using var __ = upstream;

        using var response = await McpRawClient.PostAsync(host.Agent, await host.IssueTokenAsync(), "broken", McpRawClient.Initialize);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("upstream_unavailable", await ErrorBody.TypeAsync(response));
    }

    private static string Text(CallToolResult result) => Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;

    private static int Pid(string text) => int.Parse(Regex.Match(text, @"pid (\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
}
