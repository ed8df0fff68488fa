using System.Net;
using System.Text;
using AgentGate.Gateway.Proxy;
using AgentGate.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AgentGate.Gateway.Tests.Proxy;

public sealed class CallGateTests
{
    private sealed class RecordingGate(string name, GateResult result, List<string> log) : ICallGate
    {
        public ValueTask<GateResult> BeforeAsync(LlmCall call, CancellationToken cancellationToken)
        {
            lock (log)
            {
                log.Add($"{name}.before {call.Agent.Id} {call.Model} stream={call.Stream} max={call.MaxTokens}");
            }

            return ValueTask.FromResult(result);
        }

        public ValueTask AfterAsync(LlmCall call, CancellationToken cancellationToken)
        {
            lock (log)
            {
                log.Add($"{name}.after status={call.UpstreamStatus} out={call.Usage.OutputTokens}");
            }

            return ValueTask.CompletedTask;
        }
    }

    private static async Task<HttpResponseMessage> CallAsync(GatewayTestHost host)
    {
        var token = await host.IssueTokenAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/llm/anthropic/v1/messages")
        {
            Content = new StringContent("""{"model":"claude-gated","max_tokens":64,"stream":true,"messages":[]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-api-key", token);
        var response = await host.Agent.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    [Fact]
    public async Task Gates_Allow_BeforeInOrderAfterInReverseWithUsage()
    {
        var log = new List<string>();
        await using var host = await GatewayTestHost.StartAsync(services => services
            .AddSingleton<ICallGate>(new RecordingGate("a", GateResult.Allow, log))
            .AddSingleton<ICallGate>(new RecordingGate("b", GateResult.Allow, log)));

        using var response = await CallAsync(host);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            ["a.before builder-17 claude-gated stream=True max=64", "b.before builder-17 claude-gated stream=True max=64", "b.after status=200 out=15", "a.after status=200 out=15"],
            log);
    }

    [Fact]
    public async Task Gates_Deny_StopsBeforeUpstreamReleasesEarlierGatesAndAudits()
    {
        var log = new List<string>();
        var deny = GateResult.Deny(429, "budget_exhausted", "fleet budget exhausted", "agentgate.budget", TimeSpan.FromSeconds(30));
        await using var host = await GatewayTestHost.StartAsync(services => services
            .AddSingleton<ICallGate>(new RecordingGate("a", GateResult.Allow, log))
            .AddSingleton<ICallGate>(new RecordingGate("b", deny, log)));

        using var response = await CallAsync(host);

        Assert.Equal((HttpStatusCode)429, response.StatusCode);
        Assert.Equal("30", response.Headers.GetValues("retry-after").Single());
        Assert.Equal("budget_exhausted", await ErrorBody.TypeAsync(response));
        Assert.Empty(host.Upstream.Seen);
        Assert.Equal(["a.before builder-17 claude-gated stream=True max=64", "b.before builder-17 claude-gated stream=True max=64", "a.after status= out="], log);
        var record = (await host.ReadAuditAsync()).Last();
        Assert.Equal(("deny", "agentgate.budget"), (record.Decision, record.Rule));
    }
}
