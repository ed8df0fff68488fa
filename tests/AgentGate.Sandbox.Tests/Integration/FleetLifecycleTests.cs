using AgentGate.Sandbox.Fleet;

namespace AgentGate.Sandbox.Tests.Integration;

public sealed class FleetLifecycleTests
{
    [Fact]
    public async Task DownAsync_AfterUp_RemovesEverythingAndRevokesTokens_AndGuardFailsClosedWhenGatewayIsDown()
    {
        using var runtime = await DockerAvailability.TryConnectAsync();
        if (runtime is null) return;
        var root = Directory.CreateTempSubdirectory("agentgate-life-").FullName;
        var fleet = "l" + Guid.NewGuid().ToString("N")[..10];
        var tokens = new RecordingTokenIssuer();
        var full = await runtime.ImageExistsAsync(DockerAvailability.FullImage, default);
        var gateway = new TinyHttpServer(_ => """{"allow":true}""");
        var port = gateway.Port;
        await gateway.DisposeAsync(); // the gateway is down: the guard must refuse
        var manager = new FleetManager(runtime, tokens, new FleetOptions { GatewayInstance = "life-" + fleet, GatewayPort = port, StaggerDelay = TimeSpan.Zero });
        try
        {
            var image = full ? DockerAvailability.FullImage : DockerAvailability.TinyImage;
            var parsed = FleetManifestParser.Parse($$"""
                fleet: {{fleet}}
                defaults: { role: builder, image: {{image}}, command: [sleep, "600"], workspace: "ws/{id}" }
                agents: [ { id: a1 }, { id: a2 } ]
                """, root);
            Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors));
            var up = await manager.UpAsync(parsed.Manifest!, default);
            Assert.Equal(2, (await manager.PsAsync(fleet, default)).Count(s => s.Running));
            if (full)
            {
                var r = await manager.ExecAsync(fleet, "a1", ["/usr/local/bin/agentgate-shell", "-c", "echo should-not-run"], default);
                Assert.Equal(126, r.ExitCode);
                Assert.DoesNotContain("should-not-run", r.Stdout, StringComparison.Ordinal);
                Assert.Contains("fail closed", r.Stderr, StringComparison.Ordinal);
            }

            var down = await manager.DownAsync(fleet, default);
            Assert.Equal(new FleetDownResult(fleet, 2, 1, 2), down);
            Assert.Equal(["tok-a1", "tok-a2"], tokens.Revoked.Order(StringComparer.Ordinal));
            var labels = new Dictionary<string, string> { [SandboxLabels.Fleet] = fleet };
            Assert.Empty(await runtime.ListContainersAsync(labels, default));
            Assert.Empty(await runtime.ListNetworksAsync(labels, default));
            Assert.DoesNotContain(up.BridgeName, await IptablesAsync());
        }
        finally
        {
            await manager.DownAsync(fleet, default);
            Directory.Delete(root, true);
        }
    }

    [Fact]
    public async Task ReapAsync_DeadGatewaysFleet_IsRemoved()
    {
        using var runtime = await DockerAvailability.TryConnectAsync();
        if (runtime is null) return;
        var root = Directory.CreateTempSubdirectory("agentgate-reap-").FullName;
        var fleet = "r" + Guid.NewGuid().ToString("N")[..10];
        var tokens = new RecordingTokenIssuer();
        var dead = new FleetManager(runtime, tokens, new FleetOptions { GatewayInstance = "dead-" + fleet, StaggerDelay = TimeSpan.Zero });
        try
        {
            var parsed = FleetManifestParser.Parse($"fleet: {fleet}\ndefaults: {{ role: r, image: {DockerAvailability.TinyImage}, command: [sleep, \"600\"], workspace: \"ws/{{id}}\" }}\nagents: [ {{ id: z1 }} ]\n", root);
            await dead.UpAsync(parsed.Manifest!, default);
            var live = new FleetManager(runtime, tokens, new FleetOptions { GatewayInstance = "live-" + fleet });
            // Every other gateway label present (other tests, other helpers) counts as alive: only ours is dead.
            var others = (await runtime.ListContainersAsync(new Dictionary<string, string> { [SandboxLabels.Managed] = "true" }, default))
                .Select(c => c.Labels[SandboxLabels.Gateway]).Where(g => g != "dead-" + fleet).ToHashSet();
            others.Add("live-" + fleet);
            var reaped = await live.ReapAsync(others, default);
            Assert.True(reaped.ContainersRemoved >= 1 && reaped.NetworksRemoved >= 1, reaped.ToString());
            Assert.Contains("tok-z1", tokens.Revoked);
            Assert.Empty(await runtime.ListContainersAsync(new Dictionary<string, string> { [SandboxLabels.Fleet] = fleet }, default));
        }
        finally
        {
            await dead.DownAsync(fleet, default);
            Directory.Delete(root, true);
        }
    }

    private static async Task<string> IptablesAsync()
    {
        using var p = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("iptables", "-S") { RedirectStandardOutput = true })!;
        var s = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        return s;
    }
}
