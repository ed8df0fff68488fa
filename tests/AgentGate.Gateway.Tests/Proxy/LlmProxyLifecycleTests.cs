using System.Net;
using System.Net.Sockets;
using System.Text;
using AgentGate.Gateway.Audit;
using AgentGate.Gateway.Config;
using AgentGate.Gateway.Hosting;
using AgentGate.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AgentGate.Gateway.Tests.Proxy;

public sealed class LlmProxyLifecycleTests
{
    private static HttpRequestMessage Call(string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/llm/anthropic/v1/messages")
        {
            Content = new StringContent("""{"model":"claude-x","max_tokens":8,"messages":[]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", token);
        return request;
    }

    [Fact]
    public async Task ExpiredToken_FakeTime_401AndAuditedAsExpired()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await GatewayTestHost.StartAsync(services => services.AddSingleton<TimeProvider>(time));
        var token = await host.IssueTokenAsync(ttlSeconds: 60);

        using var before = await host.Agent.SendAsync(Call(token));
        time.Advance(TimeSpan.FromSeconds(60));
        using var after = await host.Agent.SendAsync(Call(token));

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal("unauthenticated", await ErrorBody.TypeAsync(after));
        var record = (await host.ReadAuditAsync()).Last();
        Assert.Equal(("builder-17", "deny"), (record.Agent, record.Decision));
        Assert.Contains("expired", record.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeadUpstream_502UpstreamUnavailableAndAudited()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var closedPort = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        await using var host = await GatewayTestHost.StartAsync(upstreamOverride: new Uri($"http://127.0.0.1:{closedPort}"));
        var token = await host.IssueTokenAsync();

        using var response = await host.Agent.SendAsync(Call(token));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("upstream_unavailable", await ErrorBody.TypeAsync(response));
        var record = (await host.ReadAuditAsync()).Last();
        Assert.Equal(("upstream_unavailable", (int?)null), (record.Reason, record.UpstreamStatus));
    }

    [Fact]
    public async Task Stop_AfterCalls_EveryRecordFlushedAndChainIntact()
    {
        var host = await GatewayTestHost.StartAsync();
        var token = await host.IssueTokenAsync();
        var calls = Enumerable.Range(0, 40).Select(async _ => (await host.Agent.SendAsync(Call(token))).Dispose());
        await Task.WhenAll(calls);
        var path = host.AuditPath;

        await host.Gateway.StopAsync();
        var lines = File.ReadAllLines(path);
        var result = AuditVerifier.Verify(path);
        await host.DisposeAsync();

        Assert.Equal(40, lines.Length);
        Assert.True(result.IsIntact, result.Problem);
    }

    [Fact]
    public void Build_InvalidSettings_ThrowsListingEveryProblem()
    {
        var ex = Assert.Throws<ConfigurationInvalidException>(() => GatewayHost.Build(new GatewayHostOptions
        {
            Settings = new Dictionary<string, string?>
            {
                ["AgentGate:Listeners:Agent"] = "http://gateway.example:8080",
                ["AgentGate:Providers:openai:Type"] = "openai",
                ["AgentGate:Providers:openai:BaseUrl"] = "https://api.openai.com",
                ["AgentGate:Providers:openai:Secret"] = "sk-live-literal",
            },
        }));

        Assert.Equal(2, ex.Errors.Count);
        Assert.Contains("AgentGate:Listeners:Agent: 'http://gateway.example:8080'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("AgentGate:Providers:openai:Secret", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-live-literal", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestAboveMaxRequestBytes_413RequestTooLargeNotForwarded()
    {
        await using var host = await GatewayTestHost.StartAsync(extra: new Dictionary<string, string?> { ["AgentGate:Proxy:MaxRequestBytes"] = "2048" });
        var token = await host.IssueTokenAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/llm/anthropic/v1/messages")
        {
            Content = new StringContent("{\"model\":\"claude-x\",\"pad\":\"" + new string('x', 4096) + "\"}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-api-key", token);

        using var response = await host.Agent.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("request_too_large", await ErrorBody.TypeAsync(response));
        Assert.Empty(host.Upstream.Seen);
    }
}
