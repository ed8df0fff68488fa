using System.Globalization;
using Docker.DotNet.Models;

namespace AgentGate.Sandbox.Runtime;

internal sealed partial class DockerContainerRuntime
{
    private static CreateContainerParameters ToParameters(ContainerSpec spec)
    {
        var binds = new List<string>();
        if (spec.WorkspaceHostPath is not null)
        {
            binds.Add($"{spec.WorkspaceHostPath}:{spec.WorkspaceMountPath}:rw");
        }

        return new CreateContainerParameters
        {
            Name = spec.Name,
            Image = spec.Image,
            User = spec.User,
            Hostname = spec.Hostname,
            Env = spec.Environment.ToList(),
            Cmd = spec.Command.Count > 0 ? spec.Command.ToList() : null,
            Labels = new Dictionary<string, string>(spec.Labels),
            WorkingDir = spec.WorkspaceMountPath,
            HostConfig = new HostConfig
            {
                NetworkMode = spec.NetworkName,
                ReadonlyRootfs = true,
                Privileged = false,
                CapDrop = ["ALL"],
                // The default seccomp profile stays on because nothing here overrides it.
                SecurityOpt = ["no-new-privileges:true"],
                Tmpfs = new Dictionary<string, string>(spec.Tmpfs),
                Binds = binds,
                Memory = spec.MemoryBytes,
                MemorySwap = spec.MemoryBytes,
                NanoCPUs = spec.NanoCpus,
                PidsLimit = spec.PidsLimit,
                IpcMode = "private",
                AutoRemove = false,
                RestartPolicy = new RestartPolicy { Name = RestartPolicyKind.No },
            },
        };
    }

    private static NetworkInfo ToInfo(NetworkResponse n)
    {
        var ipam = n.IPAM?.Config?.FirstOrDefault();
        string? bridge = null;
        n.Options?.TryGetValue("com.docker.network.bridge.name", out bridge);
        return new NetworkInfo(n.ID, n.Name, bridge, ipam?.Subnet, ipam?.Gateway, n.Internal,
            (IReadOnlyDictionary<string, string>?)n.Labels?.ToDictionary() ?? new Dictionary<string, string>());
    }

    private static ContainerInfo ToInfo(ContainerListResponse c) => new()
    {
        Id = c.ID,
        Name = c.Names?.FirstOrDefault()?.TrimStart('/') ?? c.ID,
        State = c.State ?? "unknown",
        Running = string.Equals(c.State, "running", StringComparison.Ordinal),
        Image = c.Image ?? "",
        Labels = c.Labels?.ToDictionary() ?? [],
    };

    private static ContainerInfo ToInfo(ContainerInspectResponse c) => new()
    {
        Id = c.ID,
        Name = c.Name?.TrimStart('/') ?? c.ID,
        State = c.State?.Status ?? "unknown",
        Running = c.State?.Running ?? false,
        ExitCode = c.State?.ExitCode ?? 0,
        StartedAt = DateTimeOffset.TryParse(c.State?.StartedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var s) ? s : null,
        Image = c.Config?.Image ?? "",
        Labels = c.Config?.Labels?.ToDictionary() ?? [],
        Environment = c.Config?.Env?.ToList() ?? [],
        User = c.Config?.User,
        ReadOnlyRootFs = c.HostConfig?.ReadonlyRootfs ?? false,
        Privileged = c.HostConfig?.Privileged ?? false,
        CapDrop = c.HostConfig?.CapDrop?.ToList() ?? [],
        CapAdd = c.HostConfig?.CapAdd?.ToList() ?? [],
        SecurityOpt = c.HostConfig?.SecurityOpt?.ToList() ?? [],
        Binds = c.HostConfig?.Binds?.ToList() ?? [],
        Mounts = c.Mounts?.Select(m => $"{m.Type}:{m.Source}:{m.Destination}").ToList() ?? [],
        TmpfsMounts = c.HostConfig?.Tmpfs?.Keys.ToList() ?? [],
        MemoryBytes = c.HostConfig?.Memory ?? 0,
        NanoCpus = c.HostConfig?.NanoCPUs ?? 0,
        PidsLimit = c.HostConfig?.PidsLimit ?? 0,
        Networks = c.NetworkSettings?.Networks?.ToDictionary(n => n.Key, n => n.Value.IPAddress ?? "") ?? [],
    };
}
