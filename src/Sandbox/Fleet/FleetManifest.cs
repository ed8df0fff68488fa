namespace AgentGate.Sandbox.Fleet;

/// <summary>A validated fleet: its name, the repos agents may reach (name → original URL) and its agents.</summary>
public sealed record FleetManifest(string Name, IReadOnlyDictionary<string, string> Repos, IReadOnlyList<AgentSpec> Agents)
{
    /// <summary>The manifest's <c>parallelism</c> (agents brought up at once), overriding <see cref="FleetOptions.Parallelism"/>.</summary>
    public int? Parallelism { get; init; }
}
