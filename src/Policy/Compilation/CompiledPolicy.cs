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
    }

    public RuleNode Root { get; }

    public Value Data { get; }

    public BuiltinTable Builtins { get; }

    public Resolver? QueryResolver { get; }
}
