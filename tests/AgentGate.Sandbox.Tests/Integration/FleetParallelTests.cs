using AgentGate.Sandbox.Fleet;

namespace AgentGate.Sandbox.Tests.Integration;

/// <summary>Parallel bring-up and teardown against real dockerd (tiny image).</summary>
public sealed class FleetParallelTests
{
    private static readonly TimeSpan Stagger = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task UpAsync_SixAgentsParallelismThree_AllUpLabelledAndStaggered_DownRemovesAllAndRevokes()
    {
        using var runtime = await DockerAvailability.TryConnectAsync();
        if (runtime is null) return;
        var root = Directory.CreateTempSubdirectory("agentgate-par-").FullName;
        var fleet = "p" + Guid.NewGuid().ToString("N")[..10];
        var tokens = new RecordingTokenIssuer();
        var options = new FleetOptions { GatewayInstance = "par-" + fleet, StaggerDelay = Stagger, RestrictHostAccess = false, Parallelism = 1 };
        var manager = new FleetManager(runtime, tokens, options);
        try
        {
            var agents = string.Join(", ", Enumerable.Range(1, 6).Select(i => $"{{ id: a{i}, task: T-{i} }}"));
            // The manifest's parallelism (3) overrides the options' (1).
            var parsed = FleetManifestParser.Parse(
                $"fleet: {fleet}\nparallelism: 3\ndefaults: {{ role: builder, image: {DockerAvailability.TinyImage}, command: [sleep, \"600\"], workspace: \"ws/{{id}}\", resources: {{ memory: 32Mi }} }}\nagents: [ {agents} ]\n",
                root);
            Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors));
            var up = await manager.UpAsync(parsed.Manifest!, default);

            Assert.Equal(["a1", "a2", "a3", "a4", "a5", "a6"], up.Agents.Select(a => a.Agent));
            var started = new List<DateTimeOffset>();
            foreach (var (agent, i) in up.Agents.Select((a, i) => (a, i + 1)))
            {
                var c = await runtime.InspectContainerAsync(agent.ContainerId, default);
                Assert.NotNull(c);
                Assert.True(c.Running, $"{agent.Agent} is {c.State}");
                Assert.Equal(fleet, c.Labels[SandboxLabels.Fleet]);
                Assert.Equal($"a{i}", c.Labels[SandboxLabels.Agent]);
                Assert.Equal($"T-{i}", c.Labels[SandboxLabels.Task]);
                Assert.Equal("par-" + fleet, c.Labels[SandboxLabels.Gateway]);
                Assert.Equal($"tok-a{i}", c.Labels[SandboxLabels.TokenId]);
                Assert.Contains($"AGENTGATE_AGENT=a{i}", c.Environment);
                Assert.Contains($"AGENTGATE_TASK=T-{i}", c.Environment);
                Assert.Contains($"ANTHROPIC_API_KEY={tokens.Issued[$"tok-a{i}"].Value}", c.Environment);
                started.Add(c.StartedAt ?? throw new InvalidOperationException($"{agent.Agent} has no StartedAt"));
            }

            // Starts follow manifest order and dockerd's own start times are at least the stagger apart.
            for (var i = 1; i < started.Count; i++)
                Assert.True(started[i] - started[i - 1] >= Stagger, $"a{i + 1} started {(started[i] - started[i - 1]).TotalMilliseconds} ms after a{i}");

            var down = await manager.DownAsync(fleet, default);
            Assert.Equal(new FleetDownResult(fleet, 6, 1, 6), down);
            Assert.Equal(tokens.Issued.Keys.Order(StringComparer.Ordinal), tokens.Revoked.Order(StringComparer.Ordinal));
            Assert.Empty(await runtime.ListContainersAsync(new Dictionary<string, string> { [SandboxLabels.Fleet] = fleet }, default));
        }
        finally
        {
            await manager.DownAsync(fleet, default);
            Directory.Delete(root, true);
        }
    }

    [Fact]
    public async Task UpAsync_OneAgentWithMissingImage_TearsDownTheFleetRevokesEveryTokenAndNamesTheAgent()
    {
        using var runtime = await DockerAvailability.TryConnectAsync();
        if (runtime is null) return;
        var root = Directory.CreateTempSubdirectory("agentgate-parfail-").FullName;
        var fleet = "q" + Guid.NewGuid().ToString("N")[..10];
        var tokens = new RecordingTokenIssuer();
        var manager = new FleetManager(runtime, tokens, new FleetOptions
        {
            GatewayInstance = "parfail-" + fleet, StaggerDelay = TimeSpan.Zero, RestrictHostAccess = false, Parallelism = 2,
        });
        try
        {
            var parsed = FleetManifestParser.Parse(
                $"fleet: {fleet}\ndefaults: {{ role: r, image: {DockerAvailability.TinyImage}, command: [sleep, \"600\"], workspace: \"ws/{{id}}\", resources: {{ memory: 32Mi }} }}\n" +
                "agents: [ { id: ok1 }, { id: bad, image: agentgate/does-not-exist:0.0.0 }, { id: ok2 }, { id: ok3 } ]\n",
                root);
            Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors));

            var ex = await Assert.ThrowsAsync<FleetOperationException>(() => manager.UpAsync(parsed.Manifest!, default));

            Assert.Equal("up", ex.Operation);
            var failure = Assert.Single(ex.Failures);
            Assert.Equal("agent 'bad'", failure.Subject);
            Assert.Contains("agentgate/does-not-exist", failure.ToString(), StringComparison.Ordinal);
            Assert.Contains("1 of 4 agent(s) failed", ex.Message, StringComparison.Ordinal);
            Assert.Contains("tok-bad", tokens.Issued.Keys);
            Assert.Empty(tokens.Issued.Keys.Except(tokens.Revoked));
            var labels = new Dictionary<string, string> { [SandboxLabels.Fleet] = fleet };
            Assert.Empty(await runtime.ListContainersAsync(labels, default));
            Assert.Empty(await runtime.ListNetworksAsync(labels, default));
        }
        finally
        {
            await manager.DownAsync(fleet, default);
            Directory.Delete(root, true);
        }
    }
}
