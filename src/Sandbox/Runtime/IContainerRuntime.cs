namespace AgentGate.Sandbox.Runtime;

/// <summary>The container engine as AgentGate needs it; the only place Docker.DotNet types live is behind it.</summary>
public interface IContainerRuntime : IDisposable
{
    Task PingAsync(CancellationToken cancellationToken);

    Task<bool> ImageExistsAsync(string image, CancellationToken cancellationToken);

    Task<NetworkInfo> CreateNetworkAsync(NetworkSpec spec, CancellationToken cancellationToken);

    Task<IReadOnlyList<NetworkInfo>> ListNetworksAsync(IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken);

    /// <summary>Removes a network; returns false when it no longer exists.</summary>
    Task<bool> RemoveNetworkAsync(string networkId, CancellationToken cancellationToken);

    /// <summary>Creates (not starts) a container and returns its id.</summary>
    Task<string> CreateContainerAsync(ContainerSpec spec, CancellationToken cancellationToken);

    Task StartContainerAsync(string containerId, CancellationToken cancellationToken);

    Task StopContainerAsync(string containerId, TimeSpan grace, CancellationToken cancellationToken);

    /// <summary>Force-removes a container; returns false when it no longer exists.</summary>
    Task<bool> RemoveContainerAsync(string containerId, CancellationToken cancellationToken);

    Task<ContainerInfo?> InspectContainerAsync(string containerId, CancellationToken cancellationToken);

    /// <summary>Containers (running or not) carrying every given label.</summary>
    Task<IReadOnlyList<ContainerInfo>> ListContainersAsync(IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken);

    Task<ExecResult> ExecAsync(string containerId, IReadOnlyList<string> argv, CancellationToken cancellationToken);

    /// <summary>Current memory use in bytes, or null when the engine does not report it.</summary>
    Task<long?> GetMemoryUsageAsync(string containerId, CancellationToken cancellationToken);
}
