namespace AgentGate.Sandbox.Fleet;

/// <summary>A validated fleet: its name, the repos agents may reach (name → original URL) and its agents.</summary>
public sealed record FleetManifest(string Name, IReadOnlyDictionary<string, string> Repos, IReadOnlyList<AgentSpec> Agents);
