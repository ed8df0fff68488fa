using System.Net.Http.Json;
using System.Text.Json;
using AgentGate.Gateway.Tests.Cli;
using AgentGate.Gateway.Tests.Infrastructure;
using AgentGate.Sandbox.Runtime;

namespace AgentGate.Gateway.Tests.Fleet;

/// <summary>Real dockerd: up, policy-checked exec, ps, down. Under CI=true a missing dockerd fails; elsewhere the test returns early.</summary>
[Collection("Console")]
public sealed class FleetDockerTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("agentgate-fleet-docker-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static async Task<bool> DockerReachableAsync()
    {
        using var runtime = ContainerRuntimes.CreateDocker();
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await runtime.PingAsync(cts.Token);
            return true;
        }
        catch (Exception e) when (!string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase) && e is not OutOfMemoryException)
        {
            Console.WriteLine($"dockerd unreachable, Docker test not run: {e.Message}");
            return false;
        }
    }

    [Fact]
    public async Task FleetUpExecDown_TinyImage_AllowedCommandRunsDeniedCommandRefused()
    {
        if (!await DockerReachableAsync()) return;
        await using var host = await GatewayTestHost.StartAsync();
        var fleet = "agtest-" + Guid.NewGuid().ToString("N")[..8];
        var manifest = Path.Combine(_directory, "fleet.yaml");
        await File.WriteAllTextAsync(manifest, $"""
            fleet: {fleet}
            agents:
              - {"{"} id: builder-17, role: builder, task: ISSUE-1, image: agentgate/sandbox-tiny:0.1.0, command: [sleep, "600"], workspace: ./ws/builder-17 {"}"}
            """);
        string[] admin = ["--admin-url", host.Gateway.AdminAddress.ToString(), "--admin-token", GatewayTestHost.AdminToken];
        string[] gateway = ["--gateway-url", host.Gateway.AgentAddress.ToString()];
        try
        {
            var up = await CliRunner.RunAsync([.. (string[])["fleet", "up", manifest, "--gateway-port", host.Gateway.AgentAddress.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--stagger", "0", "--no-host-firewall"], .. admin]);
            Assert.True(up.Code == 0, up.Err);

            var ps = await CliRunner.RunAsync("fleet", "ps", "--fleet", fleet, "--json");
            Assert.True(ps.Code == 0, ps.Err);
            var row = Assert.Single(JsonDocument.Parse(ps.Out).RootElement.EnumerateArray());
            Assert.Equal("builder-17", row.GetProperty("agent").GetString());
            Assert.True(row.GetProperty("running").GetBoolean());
            var agents = await host.Admin.GetFromJsonAsync<JsonElement>("/admin/agents");
            Assert.Equal(agents.GetProperty("gateway").GetString(), row.GetProperty("gateway").GetString()); // the reaper's label

            var ls = await CliRunner.RunAsync([.. (string[])["sandbox", "exec", "builder-17", "--fleet", fleet], .. gateway, .. admin, "--", "ls", "/"]);
            Assert.True(ls.Code == 0, ls.Err);
            Assert.Contains("workspace", ls.Out, StringComparison.Ordinal);

            var curl = await CliRunner.RunAsync([.. (string[])["sandbox", "exec", "builder-17", "--fleet", fleet], .. gateway, .. admin, "--", "curl", "https://example.com"]);
            Assert.Equal(3, curl.Code);
            var error = JsonDocument.Parse(curl.Err).RootElement.GetProperty("error");
            Assert.Equal("policy_denied", error.GetProperty("type").GetString());
            Assert.Contains("curl", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            var down = await CliRunner.RunAsync([.. (string[])["fleet", "down", manifest], .. admin]);
            Assert.True(down.Code == 0, down.Err);
        }

        var after = await CliRunner.RunAsync("fleet", "ps", "--fleet", fleet, "--json");
        Assert.Empty(JsonDocument.Parse(after.Out).RootElement.EnumerateArray());
    }
}
