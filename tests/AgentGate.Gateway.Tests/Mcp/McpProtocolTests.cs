using System.Net;
using System.Text.Json;
using AgentGate.Gateway.Tests.Infrastructure;

namespace AgentGate.Gateway.Tests.Mcp;

/// <summary>The proxy's own answers to malformed, unauthenticated and bypass-shaped requests.</summary>
public sealed class McpProtocolTests : IAsyncLifetime
{
    private GatewayTestHost _host = null!;
    private McpUpstreamServer _upstream = null!;
    private string _token = null!;

    public async Task InitializeAsync()
    {
        (_host, _upstream) = await McpTestSetup.StartAsync(extra: new Dictionary<string, string?> { ["AgentGate:Mcp:MaxRequestBytes"] = "4096" });
        _token = await _host.IssueTokenAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    [Fact]
    public async Task Post_NoAgentToken_Unauthenticated()
    {
        using var response = await McpRawClient.PostAsync(_host.Agent, null, "repo", McpRawClient.ToolCall(1, "search"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("unauthenticated", await ErrorBody.TypeAsync(response));
        Assert.Empty(_upstream.Ledger.Requests);
    }

    [Fact]
    public async Task Post_UnknownServer_NotFoundStructuredError()
    {
        using var response = await McpRawClient.PostAsync(_host.Agent, _token, "nowhere", McpRawClient.ToolCall(1, "search"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("unknown_mcp_server", await ErrorBody.TypeAsync(response));
        Assert.Contains(await _host.ReadAuditAsync(a => a.Any(r => r.Target == "nowhere")), r => r.Kind == "mcp" && r.Target == "nowhere" && r.Decision == "deny");
    }

    [Fact]
    public async Task Post_InvalidJson_JsonRpcParseError()
    {
        using var response = await McpRawClient.PostAsync(_host.Agent, _token, "repo", """{"jsonrpc":"2.0","id":1,"method":""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await ErrorAsync(response);
        Assert.Equal(-32700, error.GetProperty("code").GetInt32());
        Assert.Empty(_upstream.Ledger.Requests);
    }

    [Fact]
    public async Task Post_DuplicateToolNameKeys_RefusedSoThePolicyDecidesWhatTheServerRuns()
    {
        var body = """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"search","name":"delete_repository","arguments":{"name":"x"}}}""";

        using var response = await McpRawClient.PostAsync(_host.Agent, _token, "repo", body);

        Assert.Equal(-32700, (await ErrorAsync(response)).GetProperty("code").GetInt32());
        Assert.Empty(_upstream.Ledger.Requests);
    }

    [Fact]
    public async Task Post_BatchOfRefusedCalls_EachIdAnsweredNothingForwarded()
    {
        var body = "[" + McpRawClient.ToolCall("a", "delete_repository", """{"name":"x"}""") + "," + McpRawClient.ToolCall(7, "merge_pull_request", """{"number":1}""") + "]";

        using var response = await McpRawClient.PostAsync(_host.Agent, _token, "repo", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var answers = document.RootElement.EnumerateArray().ToDictionary(a => a.GetProperty("id").ToString(), a => a.GetProperty("error"));
        Assert.Equal(-32051, answers["a"].GetProperty("code").GetInt32());
        Assert.Equal("policy_denied", answers["a"].GetProperty("data").GetProperty("type").GetString());
        Assert.Equal(-32052, answers["7"].GetProperty("code").GetInt32());
        Assert.StartsWith("apr_", answers["7"].GetProperty("data").GetProperty("approval_id").GetString(), StringComparison.Ordinal);
        Assert.Empty(_upstream.Ledger.Requests);
        Assert.Equal(2, (await _host.ReadAuditAsync(a => a.Count(r => r.Kind == "tool" && r.Decision == "deny") >= 2)).Count(r => r.Kind == "tool" && r.Decision == "deny"));
    }

    [Fact]
    public async Task Post_BodyOverTheBound_RequestTooLarge()
    {
        using var response = await McpRawClient.PostAsync(_host.Agent, _token, "repo", McpRawClient.ToolCall(1, "search", $$"""{"query":"{{new string('q', 5000)}}"}"""));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("request_too_large", await ErrorBody.TypeAsync(response));
    }

    [Fact]
    public async Task Post_ToolsListAnsweredAsSse_StreamedAndFiltered()
    {
        using var response = await McpRawClient.PostAsync(_host.Agent, _token, "repo", """{"jsonrpc":"2.0","id":3,"method":"tools/list","params":{}}""");

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        var data = text.Split('\n').Where(l => l.StartsWith("data: ", StringComparison.Ordinal)).Select(l => l[6..]).ToList();
        using var document = JsonDocument.Parse(Assert.Single(data, d => d.Contains("\"tools\"", StringComparison.Ordinal)));
        var names = document.RootElement.GetProperty("result").GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("name").GetString()!).Order().ToArray();
        Assert.Equal(["list_files", "merge_pull_request", "search"], names);
        Assert.Contains(await _host.ReadAuditAsync(a => a.Any(r => r.Method == "tools/list" && r.UpstreamStatus is not null)), r => r.Kind == "mcp" && r.Method == "tools/list" && r.UpstreamStatus == 200);
    }

    private static async Task<JsonElement> ErrorAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("id").ValueKind);
        return document.RootElement.GetProperty("error").Clone();
    }
}
