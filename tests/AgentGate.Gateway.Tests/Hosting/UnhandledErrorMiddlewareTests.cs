using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentGate.Gateway.Identity;
using AgentGate.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AgentGate.Gateway.Tests.Hosting;

/// <summary>An exception no handler answered becomes a structured 500 and an audit record, on either listener.</summary>
public sealed class UnhandledErrorMiddlewareTests
{
    [Fact]
    public async Task IssueToken_TokenStoreThrows_Structured500AndAuditRecord()
    {
        await using var host = await GatewayTestHost.StartAsync(services: s => s.AddSingleton<ITokenRepository, BrokenRepository>());

        using var response = await host.Admin.PostAsJsonAsync("/admin/tokens", new { agent = "builder-17", ttlSeconds = 60 });

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("internal_error", body.RootElement.GetProperty("error").GetProperty("type").GetString());
        Assert.DoesNotContain("store unreachable", body.RootElement.GetRawText(), StringComparison.Ordinal);
        var record = Assert.Single(await host.ReadAuditAsync(), r => r.Kind == "gateway");
        Assert.Equal(("deny", "/admin/tokens", "internal_error: InvalidOperationException"), (record.Decision, record.Target, record.Reason));
    }

    [Fact]
    public async Task AgentCall_TokenStoreThrows_Structured500NotAnEmptyBody()
    {
        await using var host = await GatewayTestHost.StartAsync(services: s => s.AddSingleton<ITokenRepository, BrokenRepository>());
        using var request = new HttpRequestMessage(HttpMethod.Post, "/llm/anthropic/v1/messages") { Content = JsonContent.Create(new { model = "m", max_tokens = 1 }) };
        request.Headers.Add("x-api-key", "agt_" + new string('a', 43));

        using var response = await host.Agent.SendAsync(request);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("internal_error", body.RootElement.GetProperty("error").GetProperty("type").GetString());
        Assert.Empty(host.Upstream.Seen);
    }

    private sealed class BrokenRepository : ITokenRepository
    {
        public ValueTask AddAsync(TokenRecord record, CancellationToken cancellationToken) => throw new InvalidOperationException("store unreachable");

        public ValueTask<TokenLookup> FindAsync(string hash, CancellationToken cancellationToken) => throw new InvalidOperationException("store unreachable");

        public ValueTask<bool> RevokeAsync(string id, CancellationToken cancellationToken) => throw new InvalidOperationException("store unreachable");
    }
}
