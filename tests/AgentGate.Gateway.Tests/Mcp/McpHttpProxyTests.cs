using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using AgentGate.Gateway.Tests.Infrastructure;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace AgentGate.Gateway.Tests.Mcp;

/// <summary>The official SDK client through the gateway to a real SDK server over Streamable HTTP.</summary>
public sealed class McpHttpProxyTests
{
    private static readonly Dictionary<string, object?> SearchArgs = new() { ["query"] = "login" };

    [Fact]
    public async Task CallTool_AllowedTool_ReachesUpstreamWithInjectedSecretAndNeverTheAgentToken()
    {
        var (host, upstream) = await McpTestSetup.StartAsync();
        await using var _ = host;
        await using var __ = upstream;
        var token = await host.IssueTokenAsync();
        await using var client = await McpTestSetup.ConnectAsync(host, token, "repo");

        var result = await client.CallToolAsync("search", SearchArgs, cancellationToken: TestContext.Timeout);

        Assert.Equal("found 3 matches for login", Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text);
        Assert.Equal(1, upstream.Ledger.Calls("search"));
        Assert.NotEmpty(upstream.Ledger.Requests);
        Assert.All(upstream.Ledger.Requests, r => Assert.Equal("Bearer " + McpTestSetup.RepoSecret, r.Authorization));
        Assert.DoesNotContain(upstream.Ledger.Requests, r => (r.Authorization + r.ApiKey).Contains(token, StringComparison.Ordinal));
        var audit = await host.ReadAuditAsync(a => a.Any(r => r.Kind == "tool" && r.UpstreamStatus == 200));
        var record = Assert.Single(audit, r => r.Kind == "tool");
        Assert.Equal(("tools/call", "repo/search", "allow", "agentgate.tool", "builder-17"), (record.Method, record.Target, record.Decision, record.Rule, record.Agent));
        Assert.False(string.IsNullOrEmpty(record.PolicyRevision));
        Assert.Equal(200, record.UpstreamStatus);
        Assert.Contains(audit, r => r.Kind == "mcp" && r.Target == "repo" && r.Decision == "allow");
    }

    [Fact]
    public async Task CallTool_DeniedTool_NeverReachesUpstreamAndTheClientGetsTheReason()
    {
        var (host, upstream) = await McpTestSetup.StartAsync();
        await using var _ = host;
        await using var __ = upstream;
        var token = await host.IssueTokenAsync();
        await using var client = await McpTestSetup.ConnectAsync(host, token, "repo");

        var error = await Assert.ThrowsAsync<McpProtocolException>(() =>
            client.CallToolAsync("delete_repository", new Dictionary<string, object?> { ["name"] = "auth" }, cancellationToken: TestContext.Timeout).AsTask());

        Assert.Equal(-32051, (int)error.ErrorCode);
        Assert.Contains("repo/delete_repository is not allowed for role builder", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, upstream.Ledger.Calls("delete_repository"));
        var record = Assert.Single(await host.ReadAuditAsync(a => a.Any(r => r.Kind == "tool")), r => r.Kind == "tool");
        Assert.Equal(("repo/delete_repository", "deny", "agentgate.tool"), (record.Target, record.Decision, record.Rule));
        Assert.Contains("not allowed for role builder", record.Reason, StringComparison.Ordinal);
        Assert.Null(record.UpstreamStatus);
    }

    [Fact]
    public async Task ListTools_Builder_SeesOnlyToolsThePolicyWouldLetItCall()
    {
        var (host, upstream) = await McpTestSetup.StartAsync();
        await using var _ = host;
        await using var __ = upstream;
        await using var builder = await McpTestSetup.ConnectAsync(host, await host.IssueTokenAsync(), "repo");
        await using var reviewer = await McpTestSetup.ConnectAsync(host, await host.IssueTokenAsync("reviewer-2"), "repo");

        var builderTools = (await builder.ListToolsAsync(cancellationToken: TestContext.Timeout)).Select(t => t.Name).Order().ToArray();
        var reviewerTools = (await reviewer.ListToolsAsync(cancellationToken: TestContext.Timeout)).Select(t => t.Name).Order().ToArray();

        Assert.Equal(["list_files", "merge_pull_request", "search"], builderTools);
        Assert.Equal(["add_comment", "list_files", "search"], reviewerTools);
    }

    [Fact]
    public async Task CallTool_NeedsApproval_HeldUntilApprovedThenExactlyOneIdenticalRetryGoesThrough()
    {
        var (host, upstream) = await McpTestSetup.StartAsync();
        await using var _ = host;
        await using var __ = upstream;
        await using var client = await McpTestSetup.ConnectAsync(host, await host.IssueTokenAsync(), "repo");
        var merge = new Dictionary<string, object?> { ["number"] = 42 };

        var held = await Assert.ThrowsAsync<McpProtocolException>(() => client.CallToolAsync("merge_pull_request", merge, cancellationToken: TestContext.Timeout).AsTask());
        Assert.Equal(-32052, (int)held.ErrorCode);
        var id = Regex.Match(held.Message, @"apr_[0-9a-f]+").Value;
        Assert.NotEmpty(id);
        Assert.Equal(0, upstream.Ledger.Calls("merge_pull_request"));

        using var approve = await host.Admin.PostAsJsonAsync($"/admin/approvals/{id}/approve", new { approver = "alice" });
        Assert.Equal(HttpStatusCode.OK, approve.StatusCode);
        var other = await Assert.ThrowsAsync<McpProtocolException>(() =>
            client.CallToolAsync("merge_pull_request", new Dictionary<string, object?> { ["number"] = 43 }, cancellationToken: TestContext.Timeout).AsTask());
        var merged = await client.CallToolAsync("merge_pull_request", merge, cancellationToken: TestContext.Timeout);
        var again = await Assert.ThrowsAsync<McpProtocolException>(() => client.CallToolAsync("merge_pull_request", merge, cancellationToken: TestContext.Timeout).AsTask());

        Assert.Equal(-32052, (int)other.ErrorCode);
        Assert.Equal("merged #42", Assert.IsType<TextContentBlock>(Assert.Single(merged.Content)).Text);
        Assert.Equal(-32052, (int)again.ErrorCode);
        Assert.Equal(1, upstream.Ledger.Calls("merge_pull_request"));
        Assert.Contains(await host.ReadAuditAsync(a => a.Any(r => r.Kind == "tool" && r.Decision == "allow")), r => r.Kind == "tool" && r.Decision == "allow" && r.ApprovalId == id);
    }

    [Fact]
    public async Task CallTool_ArgumentsCarryAProviderKey_RefusedAsCredentialLeak()
    {
        var (host, upstream) = await McpTestSetup.StartAsync();
        await using var _ = host;
        await using var __ = upstream;
        await using var client = await McpTestSetup.ConnectAsync(host, await host.IssueTokenAsync(), "repo");

        var error = await Assert.ThrowsAsync<McpProtocolException>(() => client.CallToolAsync(
            "search", new Dictionary<string, object?> { ["query"] = "key " + GatewayTestHost.RealAnthropicKey }, cancellationToken: TestContext.Timeout).AsTask());

        Assert.Equal(-32053, (int)error.ErrorCode);
        Assert.Equal(0, upstream.Ledger.Calls("search"));
        var record = Assert.Single(await host.ReadAuditAsync(a => a.Any(r => r.Kind == "tool")), r => r.Kind == "tool");
        Assert.Equal(("deny", "agentgate.leakstop"), (record.Decision, record.Rule));
        Assert.DoesNotContain(GatewayTestHost.RealAnthropicKey, File.ReadAllText(host.AuditPath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallTool_SlowTool_ProgressArrivesThroughTheSseStreamBeforeTheResult()
    {
        var (host, upstream) = await McpTestSetup.StartAsync();
        await using var _ = host;
        await using var __ = upstream;
        await using var client = await McpTestSetup.ConnectAsync(host, await host.IssueTokenAsync(), "repo");
        var firstProgress = new TaskCompletionSource<ProgressNotificationValue>(TaskCreationOptions.RunContinuationsAsynchronously);

        var call = client.CallToolAsync("list_files", progress: new SyncProgress(v => firstProgress.TrySetResult(v)), cancellationToken: TestContext.Timeout).AsTask();
        var progress = await firstProgress.Task.WaitAsync(TestContext.Timeout);

        Assert.False(call.IsCompleted);
        Assert.Equal("scanning", progress.Message);
        upstream.Ledger.ReleaseSlowTool.SetResult();
        var result = await call;
        Assert.Equal("README.md\nsrc/", Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text);
    }

    [Fact]
    public async Task Session_StatefulServer_SessionIdPassesThroughAndIsBoundToItsAgent()
    {
        var (host, upstream) = await McpTestSetup.StartAsync(stateless: false);
        await using var _ = host;
        await using var __ = upstream;
        var client = await McpTestSetup.ConnectAsync(host, await host.IssueTokenAsync(), "repo", "2025-11-25");

        var result = await client.CallToolAsync("search", SearchArgs, cancellationToken: TestContext.Timeout);
        var session = client.SessionId;
        Assert.False(string.IsNullOrEmpty(session));
        Assert.Contains(upstream.Ledger.Requests, r => r.SessionId == session);
        Assert.Equal(1, upstream.Ledger.Calls("search"));

        using var hijack = new HttpRequestMessage(HttpMethod.Post, "/mcp/repo")
        {
            Content = JsonContent.Create(new { jsonrpc = "2.0", id = 9, method = "tools/call", @params = new { name = "search", arguments = new { query = "x" } } }),
        };
        hijack.Headers.Authorization = new("Bearer", await host.IssueTokenAsync("reviewer-2"));
        hijack.Headers.Add("Mcp-Session-Id", session);
        hijack.Headers.Accept.ParseAdd("application/json, text/event-stream");
        using var hijacked = await host.Agent.SendAsync(hijack);
        Assert.Equal(HttpStatusCode.NotFound, hijacked.StatusCode);
        Assert.Equal("mcp_session_not_found", await ErrorBody.TypeAsync(hijacked));
        Assert.Equal(1, upstream.Ledger.Calls("search"));

        await client.DisposeAsync();
        Assert.Contains(await host.ReadAuditAsync(a => a.Any(r => r.Method == "DELETE")), r => r.Kind == "mcp" && r.Method == "DELETE" && r.UpstreamStatus is >= 200 and < 300);
        Assert.NotNull(result);
    }

    private sealed class SyncProgress(Action<ProgressNotificationValue> onReport) : IProgress<ProgressNotificationValue>
    {
        public void Report(ProgressNotificationValue value) => onReport(value);
    }
}
