using AgentGate.Gateway.Fleet;
using AgentGate.Gateway.Identity;
using AgentGate.Gateway.Tests.Infrastructure;
using AgentGate.Sandbox.Fleet;
using AgentGate.Sandbox.Tokens;
using Microsoft.Extensions.DependencyInjection;

namespace AgentGate.Gateway.Tests.Fleet;

public sealed class AdminApiTokenIssuerTests
{
    private static AgentTokenRequest RequestFor(string agent, string task) => new("demo",
        new AgentSpec { Id = agent, Role = "builder", Task = task, Image = "agentgate/sandbox-tiny:0.1.0", Workspace = "/tmp/ws" },
        "agentgate-demo-" + agent);

    [Fact]
    public async Task IssueAsync_ConfiguredAgent_ReturnsTokenTheGatewayAccepts()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var issuer = new AdminApiTokenIssuer(host.Gateway.AdminAddress, GatewayTestHost.AdminToken, TimeSpan.FromMinutes(5));

        var token = await issuer.IssueAsync(RequestFor("builder-17", "ISSUE-7"), CancellationToken.None);

        var check = await host.Gateway.Services.GetRequiredService<TokenStore>().CheckAsync(token.Value, CancellationToken.None);
        Assert.True(check.IsValid);
        Assert.Equal("ISSUE-7", check.Token!.Task);
        Assert.NotNull(token.ExpiresAt);
        Assert.NotEqual(token.Value, token.Id);
    }

    [Fact]
    public async Task RevokeAsync_IssuedToken_TokenNoLongerValidAndSecondRevokeSucceeds()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var issuer = new AdminApiTokenIssuer(host.Gateway.AdminAddress, GatewayTestHost.AdminToken);
        var token = await issuer.IssueAsync(RequestFor("builder-17", "ISSUE-7"), CancellationToken.None);

        await issuer.RevokeAsync(token.Id, CancellationToken.None);
        await issuer.RevokeAsync(token.Id, CancellationToken.None);

        Assert.False((await host.Gateway.Services.GetRequiredService<TokenStore>().CheckAsync(token.Value, CancellationToken.None)).IsValid);
    }

    [Fact]
    public async Task IssueAsync_WrongAdminToken_ThrowsWithStatus()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var issuer = new AdminApiTokenIssuer(host.Gateway.AdminAddress, "wrong");

        var ex = await Assert.ThrowsAsync<FleetCliException>(() => issuer.IssueAsync(RequestFor("builder-17", "T"), CancellationToken.None).AsTask());

        Assert.Equal("token_issue_failed", ex.Type);
        Assert.Contains("401", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IssueAsync_UnknownAgent_ThrowsTokenIssueFailed()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var issuer = new AdminApiTokenIssuer(host.Gateway.AdminAddress, GatewayTestHost.AdminToken);

        var ex = await Assert.ThrowsAsync<FleetCliException>(() => issuer.IssueAsync(RequestFor("nobody-1", "T"), CancellationToken.None).AsTask());

        Assert.Equal("token_issue_failed", ex.Type);
    }

    [Fact]
    public async Task IssueAsync_NothingListening_ThrowsGatewayUnreachable()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var issuer = new AdminApiTokenIssuer(new Uri($"http://127.0.0.1:{port}"), GatewayTestHost.AdminToken);

        var ex = await Assert.ThrowsAsync<FleetCliException>(() => issuer.IssueAsync(RequestFor("builder-17", "T"), CancellationToken.None).AsTask());

        Assert.Equal("gateway_unreachable", ex.Type);
    }
}
