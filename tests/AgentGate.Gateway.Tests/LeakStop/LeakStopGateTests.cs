using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AgentGate.Gateway.Metrics;
using AgentGate.Gateway.Tests.Infrastructure;
using AgentGate.Gateway.Tests.Metrics;

namespace AgentGate.Gateway.Tests.LeakStop;

public sealed class LeakStopGateTests
{
    private static async Task<HttpResponseMessage> PromptAsync(GatewayTestHost host, string token, string prompt)
    {
        var body = JsonSerializer.Serialize(new { model = "claude-haiku-4-5", max_tokens = 64, messages = new[] { new { role = "user", content = prompt } } });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/llm/anthropic/v1/messages") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("x-api-key", token);
        return await host.Agent.SendAsync(request);
    }

    public static TheoryData<string, string> Leaks() => new()
    {
        { "please debug: my key is " + GatewayTestHost.RealAnthropicKey + " thanks", "provider:anthropic" },
        { "config blob " + Convert.ToBase64String(Encoding.UTF8.GetBytes("key=" + GatewayTestHost.RealOpenAIKey + ";")), "provider:" },
        { "aws creds AKIAIOSFODNN7EXAMPLE in env", "aws-access-key-id" },
    };

    [Theory]
    [MemberData(nameof(Leaks))]
    public async Task ModelCall_PromptCarriesCredential_403CredentialLeakNotForwardedAuditedWithoutSecret(string prompt, string named)
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var metrics = new MeasurementLog(host.Gateway.Services, AuditMetrics.MeterName);
        var token = await host.IssueTokenAsync();

        using var response = await PromptAsync(host, token, prompt);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        var error = JsonDocument.Parse(text).RootElement.GetProperty("error");
        Assert.Equal("credential_leak", error.GetProperty("type").GetString());
        Assert.Contains(named, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(host.Upstream.Seen);
        var record = (await host.ReadAuditAsync()).Last();
        Assert.Equal(("llm", "deny", "agentgate.leakstop"), (record.Kind, record.Decision, record.Rule));
        var refusal = Assert.Single(metrics.Of("agentgate.leakstop.refusals"));
        Assert.Equal((1.0, "llm"), (refusal.Value, refusal.Tags["kind"]));
        Assert.Contains(metrics.Of("agentgate.audit.records"), m => m.Tags["kind"] == "llm" && m.Tags["decision"] == "deny");
        Assert.StartsWith("credential_leak", record.Reason, StringComparison.Ordinal);
        var audit = await File.ReadAllTextAsync(host.AuditPath);
        foreach (var secret in new[] { GatewayTestHost.RealAnthropicKey, GatewayTestHost.RealOpenAIKey, "AKIAIOSFODNN7EXAMPLE" })
        {
            Assert.DoesNotContain(secret, audit, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ModelCall_CleanPrompt_Forwarded()
    {
        await using var host = await GatewayTestHost.StartAsync();
        var token = await host.IssueTokenAsync();

        using var response = await PromptAsync(host, token, "summarise the task-1234 notes, sk- prefixes alone are fine");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(host.Upstream.Seen);
    }

    [Fact]
    public async Task Authorize_CommandCarriesProviderKey_DeniedCredentialLeakAuditedWithoutSecret()
    {
        await using var host = await GatewayTestHost.StartAsync();
        var token = await host.IssueTokenAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/authorize")
        {
            Content = JsonContent.Create(new { action = new { kind = "exec", command = "echo " + GatewayTestHost.RealAnthropicKey + " > notes.txt", cwd = "/workspace" } }),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);

        using var response = await host.Agent.SendAsync(request);

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(body.GetProperty("allow").GetBoolean());
        Assert.Equal("agentgate.leakstop", body.GetProperty("rule").GetString());
        Assert.StartsWith("credential_leak: ", body.GetProperty("deny")[0].GetString(), StringComparison.Ordinal);
        var record = (await host.ReadAuditAsync()).Last();
        Assert.Equal(("exec", "deny", "agentgate.leakstop"), (record.Kind, record.Decision, record.Rule));
        Assert.DoesNotContain(GatewayTestHost.RealAnthropicKey, await File.ReadAllTextAsync(host.AuditPath), StringComparison.Ordinal);
    }
}
