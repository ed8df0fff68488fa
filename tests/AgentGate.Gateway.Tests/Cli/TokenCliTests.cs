using System.Text.Json;
using AgentGate.Gateway.Tests.Infrastructure;

namespace AgentGate.Gateway.Tests.Cli;

[Collection("Console")]
public sealed class TokenCliTests
{
    [Fact]
    public async Task TokenIssue_RunningGateway_PrintsUsableToken()
    {
        await using var host = await GatewayTestHost.StartAsync();

        var (code, output, error) = await CliRunner.RunAsync("token", "issue", "--agent", "builder-17", "--task", "ISSUE-9", "--ttl", "15m",
            "--admin-url", host.Gateway.AdminAddress.ToString(), "--admin-token", GatewayTestHost.AdminToken);

        Assert.True(code == 0, error);
        using var body = JsonDocument.Parse(output);
        var check = host.Gateway.Services.GetService(typeof(AgentGate.Gateway.Identity.TokenStore)) as AgentGate.Gateway.Identity.TokenStore;
        var result = await check!.CheckAsync(body.RootElement.GetProperty("token").GetString(), CancellationToken.None);
        Assert.True(result.IsValid);
        Assert.Equal("ISSUE-9", result.Token!.Task);
    }

    [Fact]
    public async Task TokenIssue_WrongAdminToken_ExitsNonZero()
    {
        await using var host = await GatewayTestHost.StartAsync();

        var (code, _, error) = await CliRunner.RunAsync("token", "issue", "--agent", "builder-17",
            "--admin-url", host.Gateway.AdminAddress.ToString(), "--admin-token", "wrong");

        Assert.Equal(1, code);
        Assert.Contains("401", error, StringComparison.Ordinal);
    }
}
