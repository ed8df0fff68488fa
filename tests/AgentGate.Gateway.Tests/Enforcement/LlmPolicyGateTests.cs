using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AgentGate.Gateway.Tests.Infrastructure;

namespace AgentGate.Gateway.Tests.Enforcement;

public sealed class LlmPolicyGateTests
{
    private static readonly Dictionary<string, string?> Formatter = new()
    {
        ["AgentGate:Agents:fmt-1:Role"] = "formatter",
        ["AgentGate:Agents:fmt-1:Lane"] = "auth",
        ["AgentGate:Agents:fmt-1:Owner"] = "sam",
    };

    private static async Task<HttpResponseMessage> MessagesAsync(GatewayTestHost host, string token, string model)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/llm/anthropic/v1/messages")
        {
            Content = new StringContent($$"""{"model":"{{model}}","max_tokens":64,"messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-api-key", token);
        return await host.Agent.SendAsync(request);
    }

    [Fact]
    public async Task ModelCall_FrontierModelForFormatter_403PolicyDeniedNeverForwarded()
    {
        await using var host = await GatewayTestHost.StartAsync(extra: Formatter);
        var token = await host.IssueTokenAsync("fmt-1");

        using var response = await MessagesAsync(host, token, "claude-opus-4-1");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
        Assert.Equal("policy_denied", error.GetProperty("type").GetString());
        Assert.Equal("agentgate.llm", error.GetProperty("rule").GetString());
        Assert.Contains("llm: role formatter may not call frontier models (claude-opus-4-1)", error.GetProperty("reasons").EnumerateArray().Select(e => e.GetString()));
        Assert.Empty(host.Upstream.Seen);
        var record = (await host.ReadAuditAsync()).Last();
        Assert.Equal(("deny", "agentgate.llm", "fmt-1"), (record.Decision, record.Rule, record.Agent));
        Assert.NotNull(record.PolicyRevision);
    }

    [Fact]
    public async Task ModelCall_SmallModelForFormatter_ForwardedAndAuditRecordsRevision()
    {
        await using var host = await GatewayTestHost.StartAsync(extra: Formatter);
        var token = await host.IssueTokenAsync("fmt-1");

        using var response = await MessagesAsync(host, token, "claude-haiku-4-5");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var record = (await host.ReadAuditAsync()).Last();
        Assert.Equal(("allow", "agentgate.llm"), (record.Decision, record.Rule));
        Assert.StartsWith("sha256:", record.PolicyRevision);
    }
}
