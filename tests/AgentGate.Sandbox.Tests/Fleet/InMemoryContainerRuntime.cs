using System.Collections.Concurrent;
using AgentGate.Sandbox.Runtime;

namespace AgentGate.Sandbox.Tests.Fleet;

/// <summary>
/// An engine in memory for the fleet's failure paths that dockerd cannot be made to produce on demand: creates can be
/// held or failed by image, removals failed by container name, and a network with containers on it cannot be removed.
/// </summary>
internal sealed class InMemoryContainerRuntime : IContainerRuntime
{
    private readonly ConcurrentDictionary<string, (ContainerSpec Spec, bool Running)> _containers = new();
    private readonly ConcurrentDictionary<string, NetworkSpec> _networks = new();

    /// <summary>Image → what a create of it waits for before it creates the container.</summary>
    public ConcurrentDictionary<string, Task> HeldCreates { get; } = new();

    public ConcurrentDictionary<string, string> FailingImages { get; } = new();

    public ConcurrentDictionary<string, string> FailingRemovals { get; } = new();

    public int Containers => _containers.Count;

    public int Networks => _networks.Count;

    public Task PingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<bool> ImageExistsAsync(string image, CancellationToken cancellationToken) => Task.FromResult(!FailingImages.ContainsKey(image));

    public Task<NetworkInfo> CreateNetworkAsync(NetworkSpec spec, CancellationToken cancellationToken)
    {
        _networks[spec.Name] = spec;
        return Task.FromResult(ToInfo(spec));
    }

    public Task<IReadOnlyList<NetworkInfo>> ListNetworksAsync(IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<NetworkInfo>>(_networks.Values.Where(n => Matches(n.Labels, labels)).Select(ToInfo).ToList());

    public Task<bool> RemoveNetworkAsync(string networkId, CancellationToken cancellationToken)
    {
        if (_containers.Values.Any(c => c.Spec.NetworkName == networkId))
            throw new InvalidOperationException($"network {networkId} has active endpoints");
        return Task.FromResult(_networks.TryRemove(networkId, out _));
    }

    public async Task<string> CreateContainerAsync(ContainerSpec spec, CancellationToken cancellationToken)
    {
        if (HeldCreates.TryGetValue(spec.Image, out var hold)) await hold;
        if (FailingImages.TryGetValue(spec.Image, out var message)) throw new InvalidOperationException(message);
        _containers[spec.Name] = (spec, false);
        return spec.Name;
    }

    public Task StartContainerAsync(string containerId, CancellationToken cancellationToken)
    {
        _containers[containerId] = (_containers[containerId].Spec, true);
        return Task.CompletedTask;
    }

    public Task StopContainerAsync(string containerId, TimeSpan grace, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<bool> RemoveContainerAsync(string containerId, CancellationToken cancellationToken) =>
        FailingRemovals.TryGetValue(containerId, out var message)
            ? throw new InvalidOperationException(message)
            : Task.FromResult(_containers.TryRemove(containerId, out _));

    public Task<ContainerInfo?> InspectContainerAsync(string containerId, CancellationToken cancellationToken) =>
        Task.FromResult(_containers.TryGetValue(containerId, out var c) ? ToInfo(c.Spec, c.Running) : null);

    public Task<IReadOnlyList<ContainerInfo>> ListContainersAsync(IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ContainerInfo>>(_containers.Values.Where(c => Matches(c.Spec.Labels, labels)).Select(c => ToInfo(c.Spec, c.Running)).ToList());

    public Task<ExecResult> ExecAsync(string containerId, IReadOnlyList<string> argv, CancellationToken cancellationToken) =>
        Task.FromResult(new ExecResult(127, "", "exec is not supported in memory"));

    public Task<long?> GetMemoryUsageAsync(string containerId, CancellationToken cancellationToken) => Task.FromResult<long?>(null);

    public void Dispose()
    {
    }

    private static bool Matches(IReadOnlyDictionary<string, string> have, IReadOnlyDictionary<string, string> want) =>
        want.All(w => have.TryGetValue(w.Key, out var v) && (w.Value.Length == 0 || v == w.Value));

    private static NetworkInfo ToInfo(NetworkSpec n) => new(n.Name, n.Name, n.BridgeName, n.Subnet, "10.9.0.1", n.Internal, n.Labels);

    private static ContainerInfo ToInfo(ContainerSpec s, bool running) => new()
    {
        Id = s.Name, Name = s.Name, State = running ? "running" : "created", Running = running, Image = s.Image, Labels = s.Labels, Environment = s.Environment,
    };
}
