using AgentGate.Policy.Syntax;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Compilation;

/// <summary>
/// A <c>data.a.b…</c> reference with constant operands, resolved once at compile time: either a base document
/// (its value, or undefined) or the rule node it reaches and how many operands that took. Valid while no
/// <c>with data…</c> override is active.
/// </summary>
internal sealed record DataTarget(RuleNode? Node, int Depth, Value? BaseValue)
{
    /// <summary>Resolves every constant <c>data</c> reference and every call's function in a rule or query body.</summary>
    public static void ResolveAll(CompiledPolicy policy, Action<TermWalker> walk) =>
        walk(new TermWalker(t =>
        {
            switch (t)
            {
                case RefTerm { Head: VarTerm { Name: "data" } } r when r.Path.All(p => p is ScalarTerm { Value: StringValue }):
                    r.Target = Resolve(policy.Root, policy.Data, r.Path);
                    break;
                case CallTerm c when c.Name.StartsWith("data.", StringComparison.Ordinal):
                    c.Target = policy.Nodes.GetValueOrDefault(c.Name) is { IsFunction: true } fn ? fn : null;
                    break;
                case CallTerm c when c.Name is not ("print" or "internal.print" or "walk" or "assign" or "eq"):
                    c.Target = policy.Builtins.TryGet(c.Name, out var def) ? def : null;
                    break;
            }
        }));

    private static DataTarget? Resolve(RuleNode root, Value data, Term[] path)
    {
        RuleNode? node = root;
        Value? baseVal = data;
        for (var i = 0; i < path.Length; i++)
        {
            var key = ((ScalarTerm)path[i]).Value;
            if (node is not null && !node.HasAnyRules)
            {
                node = null;
            }

            if (node is null)
            {
                baseVal = baseVal is ObjectValue o ? o.Get(key) : null;
                if (baseVal is null)
                {
                    return new DataTarget(null, 0, null);
                }

                continue;
            }

            if (node.HasRules)
            {
                return new DataTarget(node, i, null);
            }

            baseVal = baseVal is ObjectValue bo ? bo.Get(key) : null;
            node = node.Children.GetValueOrDefault(((StringValue)key).Value);
            if (node is null && baseVal is null)
            {
                return new DataTarget(null, 0, null);
            }
        }

        if (node is not null && !node.HasAnyRules)
        {
            node = null;
        }

        return node is null ? new DataTarget(null, 0, baseVal) : node.HasRules ? new DataTarget(node, path.Length, null) : null;
    }
}
