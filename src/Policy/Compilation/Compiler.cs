using AgentGate.Policy.Builtins;
using AgentGate.Policy.Syntax;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Compilation;

/// <summary>Parses and links modules into a <see cref="CompiledPolicy"/>, collecting every error.</summary>
internal static class Compiler
{
    public static CompiledPolicy? Compile(IEnumerable<KeyValuePair<string, string>> sources, Value data, BuiltinTable builtins, List<CompileError> errors)
    {
        var modules = new List<Module>();
        foreach (var (name, src) in sources)
        {
            try
            {
                modules.Add(Parser.ParseModule(name, src));
            }
            catch (ParseException ex)
            {
                errors.Add(new CompileError("rego_parse_error", ex.Detail, $"{ex.File}:{ex.Line}:{ex.Column}"));
            }
        }

        if (errors.Count > 0)
        {
            return null;
        }

        var ruleNames = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var m in modules)
        {
            var key = string.Join('.', m.Package);
            if (!ruleNames.TryGetValue(key, out var set))
            {
                set = new HashSet<string>(StringComparer.Ordinal);
                ruleNames[key] = set;
            }

            foreach (var r in m.Rules)
            {
                set.Add(((VarTerm)r.Head[0]).Name);
            }
        }

        var metadata = new RegoMetadata(modules);
        var root = new RuleNode([]);
        foreach (var m in modules)
        {
            var pkg = root;
            foreach (var p in m.Package)
            {
                pkg = pkg.GetOrAdd(p);
            }

            pkg.IsPackage = true;

            var resolver = new Resolver(m, ruleNames[string.Join('.', m.Package)]);
            foreach (var r in m.Rules)
            {
                metadata.Rewrite(r);
                resolver.ResolveRule(r);
                ScopeAnnotator.Rule(r);
                var node = root;
                foreach (var p in m.Package)
                {
                    node = node.GetOrAdd(p);
                }

                node = node.GetOrAdd(((VarTerm)r.Head[0]).Name);
                for (var i = 1; i < r.Head.Length && r.Head[i] is ScalarTerm { Value: StringValue s }; i++)
                {
                    node = node.GetOrAdd(s.Value);
                }

                if (r.IsDefault)
                {
                    if (node.Default is not null)
                    {
                        errors.Add(new CompileError("rego_type_error", "multiple default rules " + string.Join('.', ["data", .. node.Path]) + " found", r.Loc.ToString()));
                    }

                    node.Default = r;
                }
                else
                {
                    if (node.Rules.Count > 0 && (node.Rules[0].Kind == RuleKind.Function) != (r.Kind == RuleKind.Function))
                    {
                        errors.Add(new CompileError("rego_type_error", "conflicting rules " + string.Join('.', ["data", .. node.Path]) + " found", r.Loc.ToString()));
                    }

                    node.Rules.Add(r);
                }
            }
        }

        MarkRules(root);
        if (errors.Count == 0)
        {
            var safety = new SafetyOrder(Arity(root, builtins), errors);
            foreach (var node in AllNodes(root))
            {
                node.Index = RuleIndex.Build(node.Rules);
                foreach (var r in node.Rules.Append(node.Default))
                {
                    if (r is not null)
                    {
                        safety.Rule(r);
                    }
                }
            }
        }

        if (errors.Count == 0)
        {
            StaticChecks.Run(root, builtins, errors);
        }

        if (errors.Count > 0)
        {
            return null;
        }

        var policy = new CompiledPolicy(root, data, builtins, null);
        foreach (var node in AllNodes(root))
        {
            foreach (var r in node.Rules.Append(node.Default))
            {
                for (var x = r; x is not null; x = x.Else)
                {
                    DataTarget.ResolveAll(policy, w => w.Rule(x));
                }
            }
        }

        return policy;
    }

    private static bool MarkRules(RuleNode node)
    {
        var any = node.HasRules || node.IsPackage;
        foreach (var c in node.Children.Values)
        {
            any |= MarkRules(c);
        }

        node.HasAnyRules = any;
        return any;
    }

    /// <summary>
    /// Parses, resolves and orders a query (names resolve against no package; imports none); unsafe
    /// variables are added to <paramref name="errors"/>.
    /// </summary>
    public static Expr[] CompileQuery(string query, CompiledPolicy policy, List<CompileError> errors)
    {
        var body = Parser.ParseQuery(query);
        var resolver = new Resolver(new Module { File = "query" }, new HashSet<string>(StringComparer.Ordinal));
        var resolved = resolver.ResolveQuery(body);
        ScopeAnnotator.Body(resolved, new HashSet<string>(StringComparer.Ordinal));
        var none = new HashSet<string>(StringComparer.Ordinal);
        new SafetyOrder(Arity(policy.Root, policy.Builtins), errors).Body(resolved, none, none);
        DataTarget.ResolveAll(policy, w => w.Body(resolved));
        return resolved;
    }

    /// <summary>The arity of a function or builtin by its resolved name; -1 when it is not a function.</summary>
    internal static Func<string, int> Arity(RuleNode root, BuiltinTable builtins) => name =>
    {
        if (name.StartsWith("data.", StringComparison.Ordinal))
        {
            var n = root;
            foreach (var p in name.Split('.').Skip(1))
            {
                if (!n.Children.TryGetValue(p, out n!))
                {
                    return -1;
                }
            }

            return !n.IsFunction ? -1 : n.Rules.Count > 0 ? n.Rules[0].Args!.Length : n.Default!.Args!.Length;
        }

        return name switch
        {
            "walk" => 1,
            "print" or "internal.print" => -1,
            _ => builtins.TryGet(name, out var def) ? def.Arity : -1,
        };
    };

    private static IEnumerable<RuleNode> AllNodes(RuleNode n)
    {
        yield return n;
        foreach (var c in n.Children.Values)
        {
            foreach (var x in AllNodes(c))
            {
                yield return x;
            }
        }
    }
}
