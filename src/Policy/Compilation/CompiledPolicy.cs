using AgentGate.Policy.Builtins;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Compilation;

/// <summary>The immutable result of compiling modules and data: the rule tree, base data and builtins.</summary>
internal sealed class CompiledPolicy
{
    public CompiledPolicy(RuleNode root, Value data, BuiltinTable builtins, Resolver? queryResolver)
    {
        Root = root;
        Data = data;
        Builtins = builtins;
        QueryResolver = queryResolver;
        Collect(root);

        void Collect(RuleNode n)
        {
            if (n.HasRules)
            {
                Nodes["data." + string.Join('.', n.Path)] = n;
            }

            foreach (var c in n.Children.Values)
            {
                Collect(c);
            }
        }
    }

    /// <summary>Every node holding rules or functions by its dotted path (<c>data.pkg.f</c>); read-only after construction.</summary>
    public Dictionary<string, RuleNode> Nodes { get; } = new(StringComparer.Ordinal);

    public RuleNode Root { get; }

    public Value Data { get; }

    public BuiltinTable Builtins { get; }

    public Resolver? QueryResolver { get; }
}
