using System.Net;
using System.Text;
using AgentGate.Gateway.Budgets;
using AgentGate.Gateway.Tests.Infrastructure;
using AgentGate.Gateway.Tests.Metrics;

namespace AgentGate.Gateway.Tests.Budgets;

/// <summary>Transparent retry of upstream overload answers through the real gateway and a scripted upstream.</summary>
public sealed class UpstreamRetryTests
{
    private const string Ok = """{"id":"msg_1","type":"message","role":"assistant","model":"claude-test","content":[{"type":"text","text":"done"}],"usage":{"input_tokens":10,"output_tokens":3}}""";
    private const string RateLimited = """{"type":"error","error":{"type":"rate_limit_error","message":"slow down"}}""";
    private const string Overloaded = """{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}""";

    private static async Task<(GatewayTestHost Host, string Token)> StartAsync(ScriptedUpstream upstream, params (string Key, string Value)[] budgets)
    {
        var extra = new Dictionary<string, string?>
        {
            ["AgentGate:Budgets:DefaultBackoff"] = "00:00:00.050",
            ["AgentGate:Proxy:ActivityTimeoutSeconds"] = "10", // retries wait at most half of it
        };
        foreach (var (key, value) in budgets)
        {
            extra["AgentGate:Budgets:" + key] = value;
        }

        var host = await GatewayTestHost.StartAsync(extra: extra, upstreamOverride: upstream.BaseAddress);
        return (host, await host.IssueTokenAsync());
    }

    private static async Task<HttpResponseMessage> SendAsync(GatewayTestHost host, string token, bool stream = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/llm/anthropic/v1/messages")
        {
            Content = new StringContent($$"""{"model":"claude-test","max_tokens":64,"stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-api-key", token);
        var response = await host.Agent.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    [Theory]
    [InlineData(429, RateLimited, "rate_limited")]
    [InlineData(529, Overloaded, "overloaded")]
    [InlineData(503, Overloaded, "overloaded")]
    public async Task ModelCall_UpstreamOverloadThen200_AgentSees200OnceAuditOneRecordRetried(int status, string body, string reason)
    {
        await using var upstream = await ScriptedUpstream.StartAsync((attempt, _, context) =>
            attempt == 1 ? ScriptedUpstream.JsonAsync(context, status, body, "0") : ScriptedUpstream.JsonAsync(context, 200, Ok));
        var (host, token) = await StartAsync(upstream);
        await using var _ = host;
        using var metrics = new MeasurementLog(host.Gateway.Services, BudgetMetrics.MeterName);

        using var response = await SendAsync(host, token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Ok, await response.Content.ReadAsStringAsync());
        Assert.Equal(2, upstream.Attempts);
        Assert.Single(upstream.Bodies.Distinct());
        var record = Assert.Single(await host.ReadAuditAsync());
        Assert.Equal(200, record.UpstreamStatus);
        Assert.Equal($"upstream {status} retried 1x", record.Reason);
        Assert.Equal(1, record.Retries);
        Assert.Equal(10, record.InputTokens);
        var retry = Assert.Single(metrics.Of("agentgate.upstream.retries"));
        Assert.Equal(("anthropic", reason, 1.0), (retry.Tag("provider"), retry.Tag("reason"), retry.Value));
    }

    [Fact]
    public async Task ModelCall_429PastRetryBound_AgentSeesUpstream429Unchanged()
    {
        await using var upstream = await ScriptedUpstream.StartAsync((_, _, context) => ScriptedUpstream.JsonAsync(context, 429, RateLimited, "0"));
        var (host, token) = await StartAsync(upstream, ("MaxRetries", "2"));
        await using var _ = host;
        using var metrics = new MeasurementLog(host.Gateway.Services, BudgetMetrics.MeterName);

        using var response = await SendAsync(host, token);

        Assert.Equal((HttpStatusCode)429, response.StatusCode);
        Assert.Equal(RateLimited, await response.Content.ReadAsStringAsync());
        Assert.Equal("0", response.Headers.GetValues("retry-after").Single());
        Assert.Equal(3, upstream.Attempts);
        var record = Assert.Single(await host.ReadAuditAsync());
        Assert.Equal(429, record.UpstreamStatus);
        Assert.Equal("upstream 429 retried 2x", record.Reason);
        Assert.Equal(2, record.Retries);
        Assert.Equal(2, metrics.Of("agentgate.upstream.retries").Sum(m => m.Value));
    }

    [Fact]
    public async Task ModelCall_RetryAfterBeyondMaxRetryDelay_PassedThroughAtOnce()
    {
        await using var upstream = await ScriptedUpstream.StartAsync((_, _, context) => ScriptedUpstream.JsonAsync(context, 429, RateLimited, "120"));
        var (host, token) = await StartAsync(upstream, ("MaxRetryDelay", "00:00:10"));
        await using var _ = host;

        using var response = await SendAsync(host, token);

        Assert.Equal((HttpStatusCode)429, response.StatusCode);
        Assert.Equal("120", response.Headers.GetValues("retry-after").Single());
        Assert.Equal(1, upstream.Attempts);
    }

    [Fact]
    public async Task ModelCall_Upstream500NotOverloaded_NotRetried()
    {
        await using var upstream = await ScriptedUpstream.StartAsync((_, _, context) =>
            ScriptedUpstream.JsonAsync(context, 500, """{"type":"error","error":{"type":"api_error","message":"boom"}}"""));
        var (host, token) = await StartAsync(upstream);
        await using var _ = host;

        using var response = await SendAsync(host, token);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(1, upstream.Attempts);
        Assert.Null(Assert.Single(await host.ReadAuditAsync()).Retries);
    }

    [Fact]
    public async Task ModelCall_StreamStartedThenOverloadedEvent_NeverRetried()
    {
        await using var upstream = await ScriptedUpstream.StartAsync(async (_, _, context) =>
        {
            ScriptedUpstream.StartStream(context);
            await ScriptedUpstream.EventAsync(context, "message_start", """{"type":"message_start","message":{"model":"claude-test","usage":{"input_tokens":10,"output_tokens":1}}}""");
            await ScriptedUpstream.EventAsync(context, "error", Overloaded);
        });
        var (host, token) = await StartAsync(upstream);
        await using var _ = host;

        using var response = await SendAsync(host, token, stream: true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.EndsWith("event: error\ndata: " + Overloaded + "\n\n", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, upstream.Attempts);
    }

    [Fact]
    public async Task ModelCall_RetryWaitsForFleetBackoff_SecondAttemptAfterRetryAfter()
    {
        var stamps = new List<DateTime>();
        await using var upstream = await ScriptedUpstream.StartAsync((attempt, _, context) =>
        {
            lock (stamps)
            {
                stamps.Add(DateTime.UtcNow);
            }

            return attempt == 1 ? ScriptedUpstream.JsonAsync(context, 429, RateLimited, "1") : ScriptedUpstream.JsonAsync(context, 200, Ok);
        });
        var (host, token) = await StartAsync(upstream);
        await using var _ = host;

        using var response = await SendAsync(host, token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, stamps.Count);
        Assert.True(stamps[1] - stamps[0] >= TimeSpan.FromMilliseconds(900), $"retried after {(stamps[1] - stamps[0]).TotalMilliseconds} ms");
    }
}
