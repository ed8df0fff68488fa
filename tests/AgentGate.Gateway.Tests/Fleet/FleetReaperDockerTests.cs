using AgentGate.Gateway.Fleet;
using AgentGate.Gateway.Tests.Infrastructure;
using AgentGate.Gateway.Tests.SandboxE2E;
using AgentGate.Sandbox.Fleet;
using AgentGate.Sandbox.Runtime;
using AgentGate.Sandbox.Tokens;
using Microsoft.Extensions.DependencyInjection;

namespace AgentGate.Gateway.Tests.Fleet;

/// <summary>Real dockerd: at start the gateway removes what dead gateways left, and nothing of live ones or hand-made fleets.</summary>
public sealed class FleetReaperDockerTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("agentgate-reaper-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private sealed class CountingIssuer : ITokenIssuer
    {
        public int Revoked;

        public ValueTask<AgentToken> IssueAsync(AgentTokenRequest request, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new AgentToken("tok_" + request.Agent.Id, "agt_test_" + request.Agent.Id));

        public ValueTask RevokeAsync(string tokenId, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Revoked);
            return ValueTask.CompletedTask;
        }
    }

    private async Task<string> UpAsync(IContainerRuntime runtime, string instance, string fleet)
    {
        var manager = new FleetManager(runtime, new CountingIssuer(), new FleetOptions { GatewayInstance = instance, StaggerDelay = TimeSpan.Zero, RestrictHostAccess = false });
        var parsed = FleetManifestParser.Parse($$"""
            fleet: {{fleet}}
            agents: [ { id: a1, role: builder, image: {{SandboxE2EFixture.TinyImage}}, command: [sleep, "600"], workspace: ws/{{fleet}}, resources: { memory: 16Mi } } ]
            """, _root);
        await manager.UpAsync(parsed.Manifest!, default);
        return fleet;
    }

    private static async Task<int> CountAsync(IContainerRuntime runtime, string fleet)
    {
        var labels = new Dictionary<string, string> { [SandboxLabels.Fleet] = fleet };
        return (await runtime.ListContainersAsync(labels, default)).Count + (await runtime.ListNetworksAsync(labels, default)).Count;
    }

    [Fact]
    public async Task GatewayStart_FleetsOfDeadGateways_RemovedOthersKept()
    {
        using var runtime = ContainerRuntimes.CreateDocker();
        try
        {
            using var ping = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await runtime.PingAsync(ping.Token);
        }
        catch (Exception e) when (!SandboxE2EFixture.IsCi && e is not OutOfMemoryException)
        {
            return;
        }

        // The default lock directory: every gateway this test process starts judges liveness the same way.
        var registry = new GatewayInstanceRegistry();
        var instances = registry.Directory;
        using var live = registry.Acquire();
        var crashed = "gw-" + Guid.NewGuid().ToString("N")[..12];
        Directory.CreateDirectory(instances);
        await File.WriteAllTextAsync(Path.Combine(instances, crashed + ".lock"), ""); // its process died holding nothing
        string stopped;
        using (var gone = registry.Acquire()) stopped = gone.Id;
        var suffix = Guid.NewGuid().ToString("N")[..6];
        string[] fleets = [$"rpd{suffix}", $"rps{suffix}", $"rpl{suffix}", $"rph{suffix}"];
        try
        {
            await UpAsync(runtime, crashed, fleets[0]);
            await UpAsync(runtime, stopped, fleets[1]);
            await UpAsync(runtime, live.Id, fleets[2]);
            await UpAsync(runtime, "hand-made", fleets[3]);

            await using var host = await GatewayTestHost.StartAsync(extra: new Dictionary<string, string?> { ["AgentGate:Sandbox:ReapOnStart"] = "true" });
            var reaped = await host.Gateway.Services.GetRequiredService<FleetReaperService>().Completion.WaitAsync(TimeSpan.FromSeconds(60));

            Assert.NotNull(reaped);
            Assert.Equal(0, await CountAsync(runtime, fleets[0]));
            Assert.Equal(0, await CountAsync(runtime, fleets[1]));
            Assert.Equal(2, await CountAsync(runtime, fleets[2]));
            Assert.Equal(2, await CountAsync(runtime, fleets[3]));
        }
        finally
        {
            var cleanup = new FleetManager(runtime, new CountingIssuer(), new FleetOptions { RestrictHostAccess = false });
            foreach (var fleet in fleets) await cleanup.DownAsync(fleet, default);
        }
    }
}
