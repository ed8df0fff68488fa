using Docker.DotNet;
using Docker.DotNet.Models;

namespace AgentGate.Sandbox.Runtime;

/// <summary><see cref="IContainerRuntime"/> on dockerd through Docker.DotNet.</summary>
internal sealed partial class DockerContainerRuntime : IContainerRuntime
{
    private readonly DockerClient _client;

    public DockerContainerRuntime(Uri endpoint)
    {
        _client = new DockerClientConfiguration(endpoint, defaultTimeout: TimeSpan.FromMinutes(2)).CreateClient();
    }

    public Task PingAsync(CancellationToken cancellationToken) => _client.System.PingAsync(cancellationToken);

    public async Task<bool> ImageExistsAsync(string image, CancellationToken cancellationToken)
    {
        try
        {
            await _client.Images.InspectImageAsync(image, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DockerImageNotFoundException)
        {
            return false;
        }
        catch (DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    public async Task<NetworkInfo> CreateNetworkAsync(NetworkSpec spec, CancellationToken cancellationToken)
    {
        var parameters = new NetworksCreateParameters
        {
            Name = spec.Name,
            Driver = "bridge",
            Internal = spec.Internal,
            Labels = new Dictionary<string, string>(spec.Labels),
            Options = new Dictionary<string, string>
            {
                ["com.docker.network.bridge.name"] = spec.BridgeName,
                ["com.docker.network.bridge.enable_icc"] = spec.InterContainer ? "true" : "false",
                ["com.docker.network.bridge.enable_ip_masquerade"] = spec.Internal ? "false" : "true",
            },
        };
        if (spec.Subnet is not null)
        {
            parameters.IPAM = new IPAM { Config = [new IPAMConfig { Subnet = spec.Subnet }] };
        }

        var created = await _client.Networks.CreateNetworkAsync(parameters, cancellationToken).ConfigureAwait(false);
        var inspected = await _client.Networks.InspectNetworkAsync(created.ID, cancellationToken).ConfigureAwait(false);
        return ToInfo(inspected);
    }

    public async Task<IReadOnlyList<NetworkInfo>> ListNetworksAsync(IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken)
    {
        var list = await _client.Networks.ListNetworksAsync(
            new NetworksListParameters { Filters = LabelFilter(labels) }, cancellationToken).ConfigureAwait(false);
        return list.Select(ToInfo).ToList();
    }

    public async Task<bool> RemoveNetworkAsync(string networkId, CancellationToken cancellationToken)
    {
        try
        {
            await _client.Networks.DeleteNetworkAsync(networkId, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DockerNetworkNotFoundException)
        {
            return false;
        }
        catch (DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    public async Task<string> CreateContainerAsync(ContainerSpec spec, CancellationToken cancellationToken)
    {
        var created = await _client.Containers.CreateContainerAsync(ToParameters(spec), cancellationToken).ConfigureAwait(false);
        return created.ID;
    }

    public Task StartContainerAsync(string containerId, CancellationToken cancellationToken) =>
        _client.Containers.StartContainerAsync(containerId, new ContainerStartParameters(), cancellationToken);

    public async Task StopContainerAsync(string containerId, TimeSpan grace, CancellationToken cancellationToken)
    {
        try
        {
            await _client.Containers.StopContainerAsync(
                containerId,
                new ContainerStopParameters { WaitBeforeKillSeconds = (uint)Math.Max(0, grace.TotalSeconds) },
                cancellationToken).ConfigureAwait(false);
        }
        catch (DockerContainerNotFoundException)
        {
            // Already gone: stopping is idempotent.
        }
    }

    public async Task<bool> RemoveContainerAsync(string containerId, CancellationToken cancellationToken)
    {
        try
        {
            await _client.Containers.RemoveContainerAsync(
                containerId, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DockerContainerNotFoundException)
        {
            return false;
        }
    }

    public async Task<ContainerInfo?> InspectContainerAsync(string containerId, CancellationToken cancellationToken)
    {
        try
        {
            var inspected = await _client.Containers.InspectContainerAsync(containerId, cancellationToken).ConfigureAwait(false);
            return ToInfo(inspected);
        }
        catch (DockerContainerNotFoundException)
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<ContainerInfo>> ListContainersAsync(IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken)
    {
        var list = await _client.Containers.ListContainersAsync(
            new ContainersListParameters { All = true, Filters = LabelFilter(labels) }, cancellationToken).ConfigureAwait(false);
        return list.Select(ToInfo).ToList();
    }

    public void Dispose() => _client.Dispose();

    private static Dictionary<string, IDictionary<string, bool>> LabelFilter(IReadOnlyDictionary<string, string> labels) => new()
    {
        ["label"] = labels.ToDictionary(l => l.Value.Length == 0 ? l.Key : $"{l.Key}={l.Value}", _ => true),
    };
}
