using System.Net.Http.Headers;

namespace AgentGate.Gateway.Tests.Hardening;

/// <summary>
/// Agent listener × hostile input: a structured 4xx naming the problem, and — because these surfaces audit every
/// answer — an audit record carrying the request id the response names.
/// </summary>
public sealed class AgentBadInputTests(HardeningHost fixture) : IClassFixture<HardeningHost>
{
    private const string Json = "application/json";
    private const string Bad = "bad_request";
    private const string Authorize = "/v1/authorize";
    private const string ClaudeCode = "/v1/authorize/claude-code";

    public static TheoryData<string, string, string?, int, string, string?> Cases => new()
    {
        { "POST", Authorize, null, 400, Bad, "JSON" },
        { "POST", Authorize, "not json", 400, Bad, "JSON" },
        { "POST", Authorize, "[{\"kind\":\"exec\"}]", 400, Bad, "action" },
        { "POST", Authorize, "null", 400, Bad, "action" },
        { "POST", Authorize, "{\"action\":\"exec\"}", 400, Bad, "action" },
        { "POST", Authorize, "{\"action\":{}}", 400, Bad, "action.kind" },
        { "POST", Authorize, "{\"action\":{\"kind\":5}}", 400, Bad, "action.kind" },
        { "POST", Authorize, "{\"action\":{\"kind\":null}}", 400, Bad, "action.kind" },
        { "POST", Authorize, new string('[', 5000) + new string(']', 5000), 400, Bad, "JSON" },
        { "POST", Authorize, "{\"action\":{\"kind\":\"exec\",\"command\":\"" + BadRequests.LargeText + "\"}}", 413, "request_too_large", "bytes" },
        { "POST", ClaudeCode, null, 400, Bad, "payload" },
        { "POST", ClaudeCode, "not json", 400, Bad, "payload" },
        { "POST", ClaudeCode, "[1]", 400, Bad, "payload" },
        { "POST", ClaudeCode, "{\"tool_name\":5}", 400, Bad, "tool_name" },
        { "POST", ClaudeCode, "{\"tool_name\":\"Bash\",\"tool_input\":\"ls\"}", 400, Bad, "tool_input" },
        { "POST", ClaudeCode, "{\"tool_name\":\"Bash\",\"tool_input\":{\"command\":7}}", 400, Bad, "tool_input for Bash" },
        { "POST", "/llm/nope/v1/messages", "{}", 404, "unknown_provider", "nope" },
        { "POST", "/llm/" + new string('p', 3000) + "/v1/messages", "{}", 404, "unknown_provider", "is not configured" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task AgentEndpoint_BadInput_StructuredErrorAndAudited(string method, string path, string? body, int status, string type, string? mentions)
    {
        using var request = BadRequests.Create(method, path, body, Json);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Token);

        using var response = await fixture.Host.Agent.SendAsync(request);

        await BadRequests.AssertErrorAsync(response, status, type, mentions);
        await AssertAuditedAsync(response);
    }

    public static TheoryData<string, string?> Unauthenticated => new()
    {
        { Authorize, null },
        { Authorize, "Bearer agt_unknown" },
        { ClaudeCode, "Basic " + Convert.ToBase64String("x:"u8.ToArray()) },
        { "/llm/anthropic/v1/messages", "Bearer " },
        { "/llm/nope/v1/messages", "Bearer not-a-token" },
    };

    [Theory]
    [MemberData(nameof(Unauthenticated))]
    public async Task AgentEndpoint_MissingOrInvalidToken_401StructuredAndAudited(string path, string? authorization)
    {
        using var request = BadRequests.Create("POST", path, "{\"action\":{\"kind\":\"exec\",\"command\":\"ls\"}}", Json);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await fixture.Host.Agent.SendAsync(request);

        await BadRequests.AssertErrorAsync(response, 401, "unauthenticated", null);
        await AssertAuditedAsync(response);
    }

    [Theory]
    [InlineData("GET", Authorize, "POST")]
    [InlineData("PUT", ClaudeCode, "POST")]
    public async Task AgentEndpoint_WrongMethod_405StructuredAndAudited(string method, string path, string allowed)
    {
        using var request = BadRequests.Create(method, path, method == "GET" ? null : "{}", Json);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Token);

        using var response = await fixture.Host.Agent.SendAsync(request);

        await BadRequests.AssertErrorAsync(response, 405, "method_not_allowed", allowed);
        Assert.Contains(allowed, response.Content.Headers.Allow);
        await AssertAuditedAsync(response);
    }

    [Theory]
    [InlineData("GET", "/admin/tokens")]
    [InlineData("POST", "/readyz")]
    [InlineData("GET", "/v1/data/agentgate")]
    [InlineData("GET", "/v1/nope")]
    [InlineData("DELETE", "/llm")]
    public async Task AgentListener_UnknownOrAdminPath_404AuditedAndNothingRevealed(string method, string path)
    {
        using var request = BadRequests.Create(method, path, method == "GET" ? null : "{}", Json);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Token);

        using var response = await fixture.Host.Agent.SendAsync(request);

        await BadRequests.AssertErrorAsync(response, 404, "not_found", "no route");
        Assert.Empty(response.Content.Headers.Allow);
        await AssertAuditedAsync(response);
    }

    [Fact]
    public async Task Authorize_InvalidUtf8InCommand_StillDecided()
    {
        using var request = BadRequests.Create("POST", Authorize, "{\"action\":{\"kind\":\"exec\",\"command\":\"ls " + BadRequests.InvalidUtf8 + "\"}}", Json);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Token);

        using var response = await fixture.Host.Agent.SendAsync(request);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Contains("\"allow\":", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AssertAuditedAsync(response);
    }

    private async Task AssertAuditedAsync(HttpResponseMessage response)
    {
        var id = response.Headers.TryGetValues(Gateway.Proxy.RequestIds.Header, out var values) ? values.Single() : null;
        Assert.False(string.IsNullOrEmpty(id), "the response names its request id");
        var records = await fixture.Host.ReadAuditAsync(r => r.Any(x => x.RequestId == id));
        var record = Assert.Single(records, r => r.RequestId == id);
        if ((int)response.StatusCode >= 400)
        {
            Assert.Equal("deny", record.Decision);
        }
    }
}
