using AgentGate.Gateway.Tests.Infrastructure;

namespace AgentGate.Gateway.Tests.Hardening;

/// <summary>One gateway (and one agent token) shared by every row of a hardening theory: the rows only read.</summary>
public sealed class HardeningHost : IAsyncLifetime
{
    internal GatewayTestHost Host { get; private set; } = null!;

    internal string Token { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await GatewayTestHost.StartAsync();
        Token = await Host.IssueTokenAsync();
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
