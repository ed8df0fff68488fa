using AgentGate.Policy.Builtins;
using AgentGate.Policy.Syntax;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Compilation;

/// <summary>Compile-time checks over the linked rule tree: undefined functions and recursion.</summary>
internal static class StaticChecks
{
    private static readonly HashSet<string> LanguageCalls = new(StringComparer.Ordinal) { "assign", "eq", "print", "internal.print", "walk" };

    public static void Run(RuleNode root, BuiltinTable builtins, List<CompileError> errors)
    {
        var deps = new Dictionary<RuleNode, HashSet<RuleNode>>(ReferenceEqualityComparer.Instance);
        foreach (var node in AllRuleNodes(root))
        {
            var set = new HashSet<RuleNode>(ReferenceEqualityComparer.Instance);
            foreach (var r in node.Rules.Append(node.Default))
            {
                for (var x = r; x is not null; x = x.Else)
                {
                    Visit(x, root, builtins, errors, set);
                }
            }

            deps[node] = set;
        }

        var state = new Dictionary<RuleNode, int>(ReferenceEqualityComparer.Instance);
        var stack = new List<RuleNode>();
        foreach (var n in deps.Keys)
        {
            Dfs(n, deps, state, stack, errors);
        }
    }

    private static void Dfs(RuleNode n, Dictionary<RuleNode, HashSet<RuleNode>> deps, Dictionary<RuleNode, int> state, List<RuleNode> stack, List<CompileError> errors)
    {
        if (state.TryGetValue(n, out var s))
        {
            if (s == 1)
            {
                var cycle = stack.Skip(stack.IndexOf(n)).Append(n).Select(Name);
                var rule = n.Rules.FirstOrDefault() ?? n.Default!;
                errors.Add(new CompileError("rego_recursion_error", $"rule {Name(n)} is recursive: {string.Join(" -> ", cycle)}", rule.Loc.ToString()));
            }

            return;
        }

        state[n] = 1;
        stack.Add(n);
        if (deps.TryGetValue(n, out var next))
        {
            foreach (var m in next)
            {
                Dfs(m, deps, state, stack, errors);
            }
        }

        stack.RemoveAt(stack.Count - 1);
        state[n] = 2;
    }

    private static string Name(RuleNode n) => "data." + string.Join('.', n.Path);

    private static IEnumerable<RuleNode> AllRuleNodes(RuleNode n)
    {
        if (n.HasRules)
        {
            yield return n;
        }

        foreach (var c in n.Children.Values)
        {
            foreach (var x in AllRuleNodes(c))
            {
                yield return x;
            }
        }
    }

    private static void Visit(Rule r, RuleNode root, BuiltinTable builtins, List<CompileError> errors, HashSet<RuleNode> deps)
    {
        var walker = new TermWalker(t =>
        {
            switch (t)
            {
                case CallTerm c when !LanguageCalls.Contains(c.Name):
                    if (c.Name.StartsWith("data.", StringComparison.Ordinal))
                    {
                        var node = Find(root, c.Name.Split('.').Skip(1));
                        if (node is null || !node.IsFunction)
                        {
                            errors.Add(new CompileError("rego_type_error", $"undefined function {c.Name}", c.Loc.ToString()));
                        }
                        else
                        {
                            deps.Add(node);
                        }
                    }
                    else if (!builtins.TryGet(c.Name, out var def))
                    {
                        errors.Add(new CompileError("rego_type_error", $"undefined function {c.Name}", c.Loc.ToString()));
                    }
                    else if (def.Arity >= 0 && (c.Args.Length < def.Arity || c.Args.Length > def.Arity + 1))
                    {
                        // OPA's type checker: the builtin's operands, plus at most one output argument.
                        errors.Add(new CompileError("rego_type_error", $"{c.Name}: arity mismatch: have {c.Args.Length} arguments, want {def.Arity}", c.Loc.ToString()));
                    }

                    break;
                case RefTerm { Head: VarTerm { Name: "data" } } rt:
                    var n = root;
                    foreach (var p in rt.Path)
                    {
                        if (n.HasRules || p is not ScalarTerm { Value: StringValue s } || !n.Children.TryGetValue(s.Value, out var child))
                        {
                            break;
                        }

                        n = child;
                    }

                    if (n.HasRules)
                    {
                        deps.Add(n);
                    }

                    break;
            }
        });
        walker.Rule(r);
    }

    private static RuleNode? Find(RuleNode root, IEnumerable<string> path)
    {
        var n = root;
        foreach (var p in path)
        {
            if (!n.Children.TryGetValue(p, out n!))
            {
                return null;
            }
        }

        return n;
    }
}
