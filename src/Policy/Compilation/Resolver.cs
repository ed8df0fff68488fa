using AgentGate.Policy.Syntax;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Compilation;

/// <summary>Rewrites names: imports and package rules become data/input references; locals stay variables.</summary>
internal sealed class Resolver
{
    private readonly string[] _package;
    private readonly Dictionary<string, Import> _imports = new(StringComparer.Ordinal);
    private readonly HashSet<string> _ruleNames;
    private HashSet<string> _locals = new(StringComparer.Ordinal);

    public Resolver(Module module, HashSet<string> ruleNames)
    {
        _package = module.Package;
        foreach (var i in module.Imports)
        {
            _imports[i.Alias] = i;
        }

        _ruleNames = ruleNames;
    }

    public void ResolveRule(Rule rule)
    {
        _locals = new HashSet<string>(StringComparer.Ordinal);
        for (var r = rule; r is not null; r = r.Else)
        {
            if (r.Args is not null)
            {
                foreach (var a in r.Args)
                {
                    CollectVars(a, _locals);
                }
            }

            foreach (var e in r.Body)
            {
                CollectDeclared(e);
            }

            // Head key/value vars that the body binds are locals.
            if (r.Value is not null)
            {
                CollectDeclaredInTerm(r.Value);
            }
        }

        for (var r = rule; r is not null; r = r.Else)
        {
            var head = new Term[r.Head.Length];
            head[0] = r.Head[0];
            for (var i = 1; i < head.Length; i++)
            {
                head[i] = T(r.Head[i]);
            }

            r.Head = head;
            if (r.Args is not null)
            {
                r.Args = r.Args.Select(T).ToArray();
            }

            r.Value = r.Value is null ? null : T(r.Value);
            r.Key = r.Key is null ? null : T(r.Key);
            r.Body = Body(r.Body);
        }
    }

    public Expr[] ResolveQuery(Expr[] body)
    {
        _locals = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in body)
        {
            CollectDeclared(e);
        }

        return Body(body);
    }

    private void CollectDeclared(Expr e)
    {
        if (e.Inner is not null)
        {
            CollectDeclared(e.Inner);
        }

        foreach (var v in e.Vars)
        {
            CollectVars(v, _locals);
        }

        if (e.Kind is ExprKind.SomeIn or ExprKind.Every)
        {
            if (e.Key is not null)
            {
                CollectVars(e.Key, _locals);
            }

            CollectVars(e.Value!, _locals);
            foreach (var b in e.Body)
            {
                CollectDeclared(b);
            }
        }

        if (e.Term is not null)
        {
            CollectDeclaredInTerm(e.Term);
        }
    }

    private void CollectDeclaredInTerm(Term t)
    {
        switch (t)
        {
            case CallTerm { Name: "assign" } c:
                CollectVars(c.Args[0], _locals);
                CollectDeclaredInTerm(c.Args[1]);
                break;
            case CallTerm c:
                foreach (var a in c.Args)
                {
                    CollectDeclaredInTerm(a);
                }

                break;
            case ComprehensionTerm ct:
                foreach (var b in ct.Body)
                {
                    CollectDeclared(b);
                }

                break;
        }
    }

    internal static void CollectVars(Term t, HashSet<string> into)
    {
        switch (t)
        {
            case VarTerm v:
                into.Add(v.Name);
                break;
            case ArrayTerm a:
                foreach (var i in a.Items)
                {
                    CollectVars(i, into);
                }

                break;
            case ObjectTerm o:
                foreach (var (k, v) in o.Items)
                {
                    CollectVars(k, into);
                    CollectVars(v, into);
                }

                break;
        }
    }

    private Expr[] Body(Expr[] body)
    {
        var r = new Expr[body.Length];
        for (var i = 0; i < body.Length; i++)
        {
            r[i] = E(body[i]);
        }

        return r;
    }

    private Expr E(Expr e)
    {
        var n = new Expr
        {
            Loc = e.Loc,
            Kind = e.Kind,
            Negated = e.Negated,
            Inner = e.Inner is null ? null : E(e.Inner),
            Term = e.Term is null ? null : T(e.Term),
            Vars = e.Vars,
            Key = e.Key is null ? null : T(e.Key),
            Value = e.Value is null ? null : T(e.Value),
            Domain = e.Domain is null ? null : T(e.Domain),
            Body = Body(e.Body),
            Withs = e.Withs.Select(w => new WithModifier(WithTarget(w.Target), T(w.Value))).ToArray(),
        };
        return n;
    }

    private Term WithTarget(Term t)
    {
        var name = t switch
        {
            VarTerm v => v.Name,
            RefTerm { Head: VarTerm hv } r when r.Path.All(p => p is ScalarTerm { Value: StringValue }) =>
                hv.Name + string.Concat(r.Path.Select(p => "." + ((StringValue)((ScalarTerm)p).Value).Value)),
            _ => null,
        };
        if (name is null || name == "input" || name == "data" || name.StartsWith("input.", StringComparison.Ordinal) || name.StartsWith("data.", StringComparison.Ordinal))
        {
            return T(t);
        }

        return new VarTerm(t.Loc, ResolveName(name));
    }

    /// <summary>Resolves a dotted function name to "data.…" when it names an import or a package rule.</summary>
    public string ResolveName(string name)
    {
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        var first = dot < 0 ? name : name[..dot];
        var rest = dot < 0 ? string.Empty : name[dot..];
        if (_locals.Contains(first))
        {
            return name;
        }

        if (_imports.TryGetValue(first, out var imp))
        {
            return imp.Root + string.Concat(imp.Path.Select(p => "." + p)) + rest;
        }

        if (_ruleNames.Contains(first))
        {
            return "data." + string.Join('.', _package) + "." + name;
        }

        return name;
    }

    /// <summary>The values of terms that are all constants (so a literal collection is built once); null otherwise.</summary>
    private static Value[]? Constants(Term[] items)
    {
        var values = new Value[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            if (items[i] is not ScalarTerm s)
            {
                return null;
            }

            values[i] = s.Value;
        }

        return values;
    }

    private Term T(Term t)
    {
        switch (t)
        {
            case VarTerm v:
                if (v.Name is "input" or "data" || _locals.Contains(v.Name) || v.IsWildcard)
                {
                    return v;
                }

                if (_imports.TryGetValue(v.Name, out var imp))
                {
                    return imp.Path.Length == 0
                        ? new VarTerm(v.Loc, imp.Root)
                        : new RefTerm(v.Loc, new VarTerm(v.Loc, imp.Root), imp.Path.Select(p => (Term)new ScalarTerm(v.Loc, StringValue.From(p))).ToArray());
                }

                if (_ruleNames.Contains(v.Name))
                {
                    return new RefTerm(v.Loc, new VarTerm(v.Loc, "data"), [.. _package.Select(p => (Term)new ScalarTerm(v.Loc, StringValue.From(p))), new ScalarTerm(v.Loc, StringValue.From(v.Name))]);
                }

                return v;
            case RefTerm r:
            {
                var head = T(r.Head);
                var path = r.Path.Select(T).ToArray();
                return head is RefTerm hr ? new RefTerm(r.Loc, hr.Head, [.. hr.Path, .. path]) : new RefTerm(r.Loc, head, path);
            }

            case ArrayTerm a:
            {
                var items = a.Items.Select(T).ToArray();
                return Constants(items) is { } values ? new ScalarTerm(a.Loc, ArrayValue.Wrap(values)) : new ArrayTerm(a.Loc, items);
            }

            case SetTerm s:
            {
                var items = s.Items.Select(T).ToArray();
                return Constants(items) is { } values ? new ScalarTerm(s.Loc, SetValue.From(values)) : new SetTerm(s.Loc, items);
            }

            case ObjectTerm o:
            {
                var items = o.Items.Select(p => (T(p.Key), T(p.Value))).ToArray();
                var keys = Constants(items.Select(p => p.Item1).ToArray());
                var values = Constants(items.Select(p => p.Item2).ToArray());
                return keys is not null && values is not null
                    ? new ScalarTerm(o.Loc, ObjectValue.From(keys.Zip(values, (k, v) => new KeyValuePair<Value, Value>(k, v))))
                    : new ObjectTerm(o.Loc, items);
            }

            case ComprehensionTerm c:
                return new ComprehensionTerm(c.Loc, c.Kind, c.Key is null ? null : T(c.Key), T(c.Value), Body(c.Body));
            case CallTerm c:
                return new CallTerm(c.Loc, c.Name is "assign" or "eq" ? c.Name : ResolveName(c.Name), c.Args.Select(T).ToArray());
            case TemplateTerm tt:
                return new TemplateTerm(tt.Loc, tt.Parts.Select(p => p is Term pt ? (object)T(pt) : p).ToArray());
            default:
                return t;
        }
    }
}
