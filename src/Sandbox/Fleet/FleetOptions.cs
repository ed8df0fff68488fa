namespace AgentGate.Sandbox.Fleet;

/// <summary>How fleets are brought up. Validate with <see cref="Validate"/> at start-up.</summary>
public sealed class FleetOptions
{
    public const int DefaultParallelism = 4;

    public const int MaxParallelism = 64;

    /// <summary>This gateway process's instance id, written to every label so the reaper knows whose things are whose.</summary>
    public string GatewayInstance { get; set; } = "local";

    /// <summary>TCP port of the gateway's agent listener; it must listen on 0.0.0.0 or on the fleet bridge's address.</summary>
    public int GatewayPort { get; set; } = 8080;

    /// <summary>Delay between container start-ups so a fleet does not stampede the provider; zero allowed.</summary>
    public TimeSpan StaggerDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Agents prepared (token, container create, network attach) and removed at once; starts are still spaced by
    /// <see cref="StaggerDelay"/>. 1 brings agents up one after another. A manifest's <c>parallelism</c> overrides it for up.
    /// </summary>
    public int Parallelism { get; set; } = DefaultParallelism;

    public TimeSpan StopGrace { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Restrict what the fleet bridge may reach on the host to the gateway port (iptables; needs root).</summary>
    public bool RestrictHostAccess { get; set; } = true;

    /// <summary>Optional fixed subnet per fleet network (CIDR); Docker picks one when null.</summary>
    public string? Subnet { get; set; }

    /// <summary>Extra NO_PROXY entries (the gateway address and loopback are always there).</summary>
    public IList<string> NoProxy { get; } = [];

    public string TmpSize { get; set; } = "64m";

    public string HomeSize { get; set; } = "32m";

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(GatewayInstance) || GatewayInstance.Length > 63)
            errors.Add($"Sandbox:GatewayInstance: '{GatewayInstance}' must be 1-63 characters");
        if (GatewayPort is < 1 or > 65535)
            errors.Add($"Sandbox:GatewayPort: '{GatewayPort}' is not a TCP port");
        if (StaggerDelay < TimeSpan.Zero)
            errors.Add($"Sandbox:StaggerDelay: '{StaggerDelay}' must not be negative");
        if (Parallelism is < 1 or > MaxParallelism)
            errors.Add($"Sandbox:Parallelism: '{Parallelism}' must be between 1 and {MaxParallelism}");
        if (StopGrace < TimeSpan.Zero)
            errors.Add($"Sandbox:StopGrace: '{StopGrace}' must not be negative");
        if (FleetManifestParser.ParseSize(TmpSize) is null)
            errors.Add($"Sandbox:TmpSize: '{TmpSize}' is not a size");
        if (FleetManifestParser.ParseSize(HomeSize) is null)
            errors.Add($"Sandbox:HomeSize: '{HomeSize}' is not a size");
        return errors;
    }
}
