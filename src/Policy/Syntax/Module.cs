namespace AgentGate.Policy.Syntax;

internal sealed class Module
{
    public required string File { get; init; }

    public string[] Package { get; set; } = [];

    public List<Import> Imports { get; } = [];

    public List<Rule> Rules { get; } = [];
}
