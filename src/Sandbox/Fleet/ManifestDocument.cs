namespace AgentGate.Sandbox.Fleet;

// The YAML shape, all strings so validation can quote exactly what was written.
#pragma warning disable CA1812 // instantiated by YamlDotNet
#pragma warning disable CA2227 // YamlDotNet sets collections
internal sealed class ManifestDocument
{
    public string? Fleet { get; set; }
    public string? Parallelism { get; set; }
    public ManifestAgent? Defaults { get; set; }
    public Dictionary<string, string>? Repos { get; set; }
    public List<ManifestAgent>? Agents { get; set; }
}

internal sealed class ManifestAgent
{
    public string? Id { get; set; }
    public string? Role { get; set; }
    public string? Lane { get; set; }
    public string? Owner { get; set; }
    public string? Task { get; set; }
    public string? Image { get; set; }
    public List<string>? Command { get; set; }
    public string? Workspace { get; set; }
    public ManifestResources? Resources { get; set; }
    public List<string>? Repos { get; set; }
}

internal sealed class ManifestResources
{
    public string? Memory { get; set; }
    public string? Cpus { get; set; }
    public string? Pids { get; set; }
}
#pragma warning restore CA2227
#pragma warning restore CA1812
