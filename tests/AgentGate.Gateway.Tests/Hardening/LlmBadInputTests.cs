using System.Net.Http.Headers;

namespace AgentGate.Gateway.Tests.Hardening;

/// <summary>
/// Model routes × bodies that are not what the provider API expects. The gateway still decides (policy, budget)
/// on what it could read and never fails on it: the call is either refused with a structured 4xx or forwarded
/// for the provider to judge (its answer relayed unchanged) — and audited either way.
/// </summary>
public sealed class LlmBadInputTests(HardeningHost fixture) : IClassFixture<HardeningHost>
{
    private const string Messages = "/llm/anthropic/v1/messages";
    private const string Chat = "/llm/openai/v1/chat/completions";

    public static TheoryData<string, string, string> Cases => new()
    {
        { Messages, "not json at all", "application/json" },
        { Messages, "[1,2,3]", "application/json" },
        { Messages, "null", "application/json" },
        { Messages, "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":\"lots\",\"messages\":[]}", "application/json" },
        { Messages, "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1e30,\"messages\":[]}", "application/json" },
        { Messages, "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":-5,\"messages\":[]}", "application/json" },
        { Messages, "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":null,\"messages\":[]}", "application/json" },
        { Messages, "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"stream\":\"yes\",\"messages\":[]}", "application/json" },
        { Messages, "{\"model\":42,\"max_tokens\":64,\"messages\":{}}", "application/json" },
        { Messages, "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"content\":\"hi " + BadRequests.InvalidUtf8 + "\"}]}", "application/json" },
        { Messages, "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"messages\":[]}", "text/plain" },
        { Messages, new string('[', 5000) + new string(']', 5000), "application/json" },
        { Chat, "{\"model\":\"gpt-4o\",\"max_completion_tokens\":\"x\",\"stream\":1,\"messages\":[]}", "application/json" },
        { Chat, "{\"model\":\"gpt-4o\",\"max_tokens\":99999999999999999999,\"messages\":[]}", "application/json" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ModelRoute_MalformedBody_RefusedOrPassedThroughAndAudited(string path, string body, string contentType)
    {
        using var request = BadRequests.Create("POST", path, body, contentType);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Token);

        using var response = await fixture.Host.Agent.SendAsync(request);

        var status = (int)response.StatusCode;
        var id = response.Headers.GetValues(Gateway.Proxy.RequestIds.Header).Single();
        var records = await fixture.Host.ReadAuditAsync(r => r.Any(x => x.RequestId == id));
        var record = Assert.Single(records, r => r.RequestId == id);
        if (record.Decision == "allow")
        {
            // Passed through as documented: whatever the provider answered (the fake answers 500 to a body it
            // cannot parse, a real provider 400) reaches the agent unchanged and is what the audit records.
            Assert.Equal(status, record.UpstreamStatus);
            Assert.NotEmpty(fixture.Host.Upstream.Seen);
        }
        else
        {
            Assert.Equal("deny", record.Decision);
            Assert.InRange(status, 400, 499);
            await BadRequests.AssertErrorAsync(response, status, await ErrorTypeAsync(response), null);
        }
    }

    private static async Task<string> ErrorTypeAsync(HttpResponseMessage response) =>
        System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("type").GetString()!;
}
