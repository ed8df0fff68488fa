using AgentGate.Policy.Syntax;

namespace AgentGate.Policy.Compilation;

/// <summary>A node of the virtual document tree: a package or rule path with the rules defined exactly here.</summary>
internal sealed class RuleNode
{
    public RuleNode(string[] path) => Path = path;

    public string[] Path { get; }

    public Dictionary<string, RuleNode> Children { get; } = new(StringComparer.Ordinal);

    /// <summary>Rules whose static head path ends here (their dynamic keys, if any, follow).</summary>
    public List<Rule> Rules { get; } = [];

    public Rule? Default { get; set; }

    /// <summary>True when a module declares this exact package.</summary>
    public bool IsPackage { get; set; }

    public bool HasRules => Rules.Count > 0 || Default is not null;

    public bool IsFunction => Rules.Count > 0 ? Rules[0].Kind == RuleKind.Function : Default?.Kind == RuleKind.Function;

    /// <summary>The index over <see cref="Rules"/>, when they share a test of an input reference.</summary>
    public RuleIndex? Index { get; set; }

    /// <summary>True when this node or any node below it holds rules.</summary>
    public bool HasAnyRules { get; set; }

    public RuleNode GetOrAdd(string key)
    {
        if (!Children.TryGetValue(key, out var n))
        {
            n = new RuleNode([.. Path, key]);
            Children[key] = n;
        }

        return n;
    }
}
