using AgentGate.Sandbox.Fleet;
using AgentGate.Sandbox.Tests.Integration;

namespace AgentGate.Sandbox.Tests.Fleet;

/// <summary>Failure semantics of parallel up/down on an in-memory engine (the Docker tests cover the happy path and a bad image).</summary>
public sealed class FleetManagerFailureTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("agentgate-fleetfail-").FullName;
    private readonly InMemoryContainerRuntime _runtime = new();
    private readonly RecordingTokenIssuer _tokens = new();

    public void Dispose()
    {
        _runtime.Dispose();
        Directory.Delete(_root, true);
    }

    [Fact]
    public async Task UpAsync_CreateStillInFlightWhenAnotherAgentFails_WaitsForItThenTearsEverythingDown()
    {
        var slow = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _runtime.HeldCreates["slow:1"] = slow.Task;
        _runtime.FailingImages["bad:1"] = "No such image: bad:1";
        var manager = Manager(parallelism: 2);

        var up = manager.UpAsync(Manifest("{ id: a1, image: slow:1 }, { id: a2, image: bad:1 }, { id: a3 }, { id: a4 }"), default);
        await Poll.UntilAsync(() => _tokens.Revoked.Contains("tok-a2"));
        Assert.False(up.IsCompleted, "up must wait for a1's create, still in flight, before tearing down");
        slow.SetResult();
        var ex = await Assert.ThrowsAsync<FleetOperationException>(() => up);

        Assert.Equal(["agent 'a2'"], ex.Failures.Select(f => f.Subject));
        Assert.Equal(0, _runtime.Containers);
        Assert.Equal(0, _runtime.Networks);
        Assert.Equal(["tok-a1", "tok-a2"], _tokens.Issued.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(_tokens.Issued.Keys.Except(_tokens.Revoked));
    }

    [Fact]
    public async Task DownAsync_OneContainerCannotBeRemoved_RevokesEveryTokenAndNamesTheAgentAndNetwork()
    {
        var manager = Manager(parallelism: 3);
        await manager.UpAsync(Manifest("{ id: a1 }, { id: a2 }, { id: a3 }, { id: a4 }"), default);
        _runtime.FailingRemovals[FleetManager.ContainerNameFor("demo", "a2")] = "device or resource busy";

        var ex = await Assert.ThrowsAsync<FleetOperationException>(() => manager.DownAsync("demo", default));

        Assert.Equal("down", ex.Operation);
        Assert.Equal(["agent 'a2': device or resource busy", "network 'agentgate-demo': network agentgate-demo has active endpoints"],
            ex.Failures.Select(f => f.ToString()));
        Assert.Equal(["tok-a1", "tok-a2", "tok-a3", "tok-a4"], _tokens.Revoked.Order(StringComparer.Ordinal));
        Assert.Equal(1, _runtime.Containers);
    }

    [Fact]
    public async Task UpAsync_RollbackCannotRemoveAContainer_OneErrorListsTheCauseAndWhatIsLeft()
    {
        _runtime.FailingImages["bad:1"] = "No such image: bad:1";
        _runtime.FailingRemovals[FleetManager.ContainerNameFor("demo", "a1")] = "device or resource busy";
        var manager = Manager(parallelism: 1);

        var ex = await Assert.ThrowsAsync<FleetOperationException>(() => manager.UpAsync(Manifest("{ id: a1 }, { id: a2, image: bad:1 }"), default));

        Assert.False(ex.TornDown);
        Assert.Equal(["agent 'a2'", "agent 'a1'", "network 'agentgate-demo'"], ex.Failures.Select(f => f.Subject));
        Assert.Contains("tearing it down failed too", ex.Message, StringComparison.Ordinal);
        Assert.Equal(["tok-a1", "tok-a2"], _tokens.Revoked.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task UpAsync_ParallelismFromManifest_AllAgentsRunningInManifestOrder()
    {
        var manager = Manager(parallelism: 1);
        var manifest = Manifest(string.Join(", ", Enumerable.Range(1, 8).Select(i => $"{{ id: a{i} }}"))) with { Parallelism = 5 };

        var up = await manager.UpAsync(manifest, default);

        Assert.Equal(Enumerable.Range(1, 8).Select(i => $"a{i}"), up.Agents.Select(a => a.Agent));
        Assert.All(await manager.PsAsync("demo", default), s => Assert.True(s.Running));
        Assert.Equal(8, (await manager.DownAsync("demo", default)).TokensRevoked);
    }

    private FleetManager Manager(int parallelism) => new(_runtime, _tokens, new FleetOptions
    {
        GatewayInstance = "mem", StaggerDelay = TimeSpan.Zero, RestrictHostAccess = false, Parallelism = parallelism,
    });

    private FleetManifest Manifest(string agents)
    {
        var parsed = FleetManifestParser.Parse($"fleet: demo\ndefaults: {{ role: r, image: ok:1, workspace: \"ws/{{id}}\" }}\nagents: [ {agents} ]\n", _root);
        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors));
        return parsed.Manifest!;
    }
}
