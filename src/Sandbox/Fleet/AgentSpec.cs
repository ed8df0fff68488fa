namespace AgentGate.Sandbox.Fleet;

/// <summary>One agent of a fleet manifest, validated; <see cref="Workspace"/> is an absolute host path.</summary>
public sealed record AgentSpec
{
    public required string Id { get; init; }
    public required string Role { get; init; }
    public string Lane { get; init; } = "";
    public string Owner { get; init; } = "";
    public string Task { get; init; } = "";
    public required string Image { get; init; }
    public IReadOnlyList<string> Command { get; init; } = [];
    public required string Workspace { get; init; }
    public AgentResources Resources { get; init; } = AgentResources.Default;
    /// <summary>Names of manifest repos this agent's git is rewritten to reach through the gateway.</summary>
    public IReadOnlyList<string> Repos { get; init; } = [];
}
