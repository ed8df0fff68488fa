namespace AgentGate.Policy.Builtins.Core.Templates;

/// <summary>A parsed text/template node.</summary>
internal abstract record TemplateNode
{
    public sealed record Text(string Value) : TemplateNode;

    public sealed record Output(string Pipeline) : TemplateNode;

    public sealed record Block(string Kind, string Pipeline, List<TemplateNode> Body, List<TemplateNode>? Else) : TemplateNode;
}
