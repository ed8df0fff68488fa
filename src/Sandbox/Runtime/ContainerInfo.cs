namespace AgentGate.Sandbox.Runtime;

/// <summary>A container as the engine reports it, including the hardening settings tests and `fleet ps` show.</summary>
public sealed record ContainerInfo
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string State { get; init; }
    public bool Running { get; init; }
    public long ExitCode { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public string Image { get; init; } = "";
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    /// <summary>The configured environment (<c>NAME=value</c>), from inspect only.</summary>
    public IReadOnlyList<string> Environment { get; init; } = [];
    public string? User { get; init; }
    public bool ReadOnlyRootFs { get; init; }
    public bool Privileged { get; init; }
    public IReadOnlyList<string> CapDrop { get; init; } = [];
    public IReadOnlyList<string> CapAdd { get; init; } = [];
    public IReadOnlyList<string> SecurityOpt { get; init; } = [];
    public IReadOnlyList<string> Binds { get; init; } = [];
    public IReadOnlyList<string> Mounts { get; init; } = [];
    public IReadOnlyList<string> TmpfsMounts { get; init; } = [];
    public long MemoryBytes { get; init; }
    public long NanoCpus { get; init; }
    public long PidsLimit { get; init; }
    /// <summary>Network name → the container's IPv4 address on it.</summary>
    public IReadOnlyDictionary<string, string> Networks { get; init; } = new Dictionary<string, string>();
}
