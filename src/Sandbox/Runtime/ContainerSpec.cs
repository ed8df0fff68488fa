namespace AgentGate.Sandbox.Runtime;

/// <summary>Everything needed to create one hardened agent container.</summary>
public sealed record ContainerSpec
{
    public required string Name { get; init; }
    public required string Image { get; init; }
    public required string NetworkName { get; init; }
    public string User { get; init; } = "10001:10001";
    public IReadOnlyList<string> Command { get; init; } = [];
    public IReadOnlyList<string> Environment { get; init; } = [];
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    /// <summary>Absolute host directory bind-mounted read-write at <see cref="WorkspaceMountPath"/>; the only host mount.</summary>
    public string? WorkspaceHostPath { get; init; }
    public string WorkspaceMountPath { get; init; } = "/workspace";
    /// <summary>Mount point → tmpfs options, e.g. "/tmp" → "rw,noexec,nosuid,size=64m".</summary>
    public IReadOnlyDictionary<string, string> Tmpfs { get; init; } = new Dictionary<string, string>();
    public long MemoryBytes { get; init; }
    public long NanoCpus { get; init; }
    public long PidsLimit { get; init; }
    public string? Hostname { get; init; }
}
