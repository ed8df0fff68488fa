namespace AgentGate.Sandbox.Fleet;

/// <summary>A parsed manifest or every validation error found (each names the key and quotes the value).</summary>
public sealed record FleetManifestResult(FleetManifest? Manifest, IReadOnlyList<string> Errors)
{
    public bool IsValid => Manifest is not null && Errors.Count == 0;
}
