namespace AgentGate.Policy.Syntax;

internal sealed class Module
{
    public required string File { get; init; }

    public string[] Package { get; set; } = [];

    /// <summary>Where the <c>package</c> keyword is.</summary>
    public Loc PackageLoc { get; set; }

    /// <summary>METADATA blocks on the package (scopes package and subpackages).</summary>
    public List<Annotation> Annotations { get; } = [];

    public List<Import> Imports { get; } = [];

    public List<Rule> Rules { get; } = [];
}
