using System.Text;
using AgentGate.Gateway.Identity;
using AgentGate.Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AgentGate.Gateway.Tests.Hardening;

/// <summary>Requests the server itself refuses (Kestrel's body limit, a binder's bad request) are structured 4xx, not 500s.</summary>
public sealed class ServerRefusalTests
{
    [Theory]
    [InlineData("admin", "/admin/tokens")]
    [InlineData("agent", "/v1/authorize")]
    [InlineData("agent", "/v1/authorize/claude-code")]
    public async Task Post_BodyOverKestrelLimitChunked_413Structured(string listener, string path)
    {
        // The smallest proxy bound makes Kestrel's own limit 1025 bytes, below every endpoint's own bound.
        await using var host = await GatewayTestHost.StartAsync(extra: new Dictionary<string, string?> { ["AgentGate:Proxy:MaxRequestBytes"] = "1024" });
        var token = await host.IssueTokenAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ChunkedContent(new string('a', 5000)) };
        request.Headers.Authorization = new("Bearer", listener == "admin" ? GatewayTestHost.AdminToken : token);

        using var response = await (listener == "admin" ? host.Admin : host.Agent).SendAsync(request);

        await BadRequests.AssertErrorAsync(response, 413, "request_too_large", "too large");
    }

    [Fact]
    public async Task AgentCall_BadHttpRequestSurfaces_Structured4xxAndAudited()
    {
        await using var host = await GatewayTestHost.StartAsync(services: s => s.AddSingleton<ITokenRepository, RefusingRepository>());
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/authorize") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        request.Headers.Add("x-api-key", "agt_" + new string('a', 43));

        using var response = await host.Agent.SendAsync(request);

        await BadRequests.AssertErrorAsync(response, 431, "bad_request", "header");
        var record = Assert.Single(await host.ReadAuditAsync(), r => r.Kind == "gateway");
        Assert.Equal(("deny", "/v1/authorize"), (record.Decision, record.Target));
        Assert.StartsWith("bad_request: ", record.Reason, StringComparison.Ordinal);
    }

    private sealed class ChunkedContent(string text) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(Encoding.UTF8.GetBytes(text)).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    private sealed class RefusingRepository : ITokenRepository
    {
        public ValueTask AddAsync(TokenRecord record, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask<TokenLookup> FindAsync(string hash, CancellationToken cancellationToken) =>
            throw new BadHttpRequestException("request header fields too large", StatusCodes.Status431RequestHeaderFieldsTooLarge);

        public ValueTask<bool> RevokeAsync(string id, CancellationToken cancellationToken) => ValueTask.FromResult(false);
    }
}
