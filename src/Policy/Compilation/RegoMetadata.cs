using AgentGate.Policy.Syntax;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Compilation;

/// <summary>
/// Compiles <c>rego.metadata.rule()</c> and <c>rego.metadata.chain()</c> as OPA does: each call in a rule is
/// replaced by the constant annotations of that rule (rule scope), or by the chain from the rule outwards
/// (rule, document, package, then subpackages of the package and its ancestors).
/// </summary>
internal sealed class RegoMetadata
{
    public const string RuleCall = "rego.metadata.rule";
    public const string ChainCall = "rego.metadata.chain";

    private readonly Dictionary<string, List<Annotation>> _documents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Annotation>> _packages = new(StringComparer.Ordinal);

    public RegoMetadata(IEnumerable<Module> modules)
    {
        foreach (var m in modules)
        {
            foreach (var a in m.Annotations)
            {
                Add(_packages, Key(["data", .. m.Package]), a);
            }

            foreach (var r in m.Rules)
            {
                foreach (var a in r.Annotations?.Where(a => a.Scope == "document") ?? [])
                {
                    Add(_documents, Key(RulePath(r)), a);
                }
            }
        }
    }

    /// <summary>Replaces the <c>rego.metadata.*</c> calls of a rule and its else branches.</summary>
    public void Rewrite(Rule r)
    {
        var uses = false;
        for (var x = r; x is not null && !uses; x = x.Else)
        {
            new TermWalker(t => uses |= t is CallTerm { Name: RuleCall or ChainCall }).Rule(x);
        }

        if (!uses)
        {
            return;
        }

        var ruleValue = RuleScoped(r).FirstOrDefault()?.Value ?? ObjectValue.Empty;
        var chain = Chain(r);
        var rewriter = new TermRewriter(t => t switch
        {
            CallTerm { Name: RuleCall, Args.Length: 0 } c => new ScalarTerm(c.Loc, ruleValue),
            CallTerm { Name: ChainCall, Args.Length: 0 } c => new ScalarTerm(c.Loc, chain),
            _ => null,
        });
        for (var x = r; x is not null; x = x.Else)
        {
            rewriter.Rule(x);
        }
    }

    private ArrayValue Chain(Rule r)
    {
        // OPA's order: the rule's own blocks (closest first, or a bare entry), the document block, the package
        // block, then subpackages blocks from this package outwards.
        var path = RulePath(r);
        var entries = RuleScoped(r).Select(a => Entry(path, a)).ToList();
        if (entries.Count == 0)
        {
            entries.Add(Entry(path, null));
        }

        if (_documents.GetValueOrDefault(Key(path))?.FirstOrDefault() is { } document)
        {
            entries.Add(Entry(path, document));
        }

        var pkg = new List<string> { "data" };
        pkg.AddRange(r.Module.Package);
        if (_packages.GetValueOrDefault(Key(pkg))?.FirstOrDefault(a => a.Scope == "package") is { } own)
        {
            entries.Add(Entry(pkg, own));
        }

        for (; pkg.Count > 1; pkg.RemoveAt(pkg.Count - 1))
        {
            foreach (var a in _packages.GetValueOrDefault(Key(pkg))?.Where(a => a.Scope == "subpackages") ?? [])
            {
                entries.Add(Entry(pkg, a));
            }
        }

        return ArrayValue.From(entries);
    }

    /// <summary>The rule-scope blocks of a rule, the one declared closest to it first.</summary>
    private static IEnumerable<Annotation> RuleScoped(Rule r) =>
        (r.Annotations ?? []).Where(a => a.Scope == "rule").OrderByDescending(a => a.Loc.Line);

    private static Value Entry(IEnumerable<string> path, Annotation? a)
    {
        // OPA prints the path without the leading "data".
        var pairs = new List<KeyValuePair<Value, Value>> { new(StringValue.From("path"), ArrayValue.From(path.Skip(1).Select(p => (Value)StringValue.From(p)))) };
        if (a is not null)
        {
            pairs.Add(new(StringValue.From("annotations"), a.Value));
        }

        return ObjectValue.From(pairs);
    }

    private static List<string> RulePath(Rule r)
    {
        var path = new List<string> { "data" };
        path.AddRange(r.Module.Package);
        path.Add(((VarTerm)r.Head[0]).Name);
        for (var i = 1; i < r.Head.Length && r.Head[i] is ScalarTerm { Value: StringValue s }; i++)
        {
            path.Add(s.Value);
        }

        return path;
    }

    private static string Key(IEnumerable<string> path) => string.Join('\u001f', path);

    private static void Add(Dictionary<string, List<Annotation>> map, string key, Annotation a)
    {
        if (!map.TryGetValue(key, out var list))
        {
            list = [];
            map[key] = list;
        }

        list.Add(a);
    }
}
