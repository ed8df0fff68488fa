using AgentGate.Policy.Syntax;

namespace AgentGate.Policy.Compilation;

/// <summary>
/// Marks, for every comprehension, the variables it shares with its enclosing body, so the evaluator runs it
/// only after they are bound (OPA's reordering for closures).
/// </summary>
internal static class ScopeAnnotator
{
    public static void Rule(Rule rule)
    {
        for (var r = rule; r is not null; r = r.Else)
        {
            var outside = new HashSet<string>(StringComparer.Ordinal);
            foreach (var t in r.Head.Skip(1).Concat(r.Args ?? []))
            {
                Shallow(t, outside);
            }

            if (r.Value is not null)
            {
                Shallow(r.Value, outside);
            }

            if (r.Key is not null)
            {
                Shallow(r.Key, outside);
            }

            Body(r.Body, outside);
            foreach (var t in new[] { r.Value, r.Key }.Concat(r.Head.Skip(1)).Concat(r.Args ?? []))
            {
                if (t is not null)
                {
                    Annotate(t, outside);
                }
            }
        }
    }

    public static void Body(Expr[] body, HashSet<string> inherited)
    {
        var outside = new HashSet<string>(inherited, StringComparer.Ordinal);
        foreach (var e in body)
        {
            ShallowExpr(e, outside);
        }

        foreach (var e in body)
        {
            AnnotateExpr(e, outside);
        }
    }

    private static void ShallowExpr(Expr e, HashSet<string> into)
    {
        if (e.Inner is not null)
        {
            ShallowExpr(e.Inner, into);
        }

        foreach (var t in new[] { e.Term, e.Key, e.Value, e.Domain })
        {
            if (t is not null)
            {
                Shallow(t, into);
            }
        }

        foreach (var w in e.Withs)
        {
            Shallow(w.Value, into);
        }
    }

    private static void AnnotateExpr(Expr e, HashSet<string> outside)
    {
        if (e.Inner is not null)
        {
            AnnotateExpr(e.Inner, outside);
        }

        foreach (var t in new[] { e.Term, e.Key, e.Value, e.Domain })
        {
            if (t is not null)
            {
                Annotate(t, outside);
            }
        }

        foreach (var w in e.Withs)
        {
            Annotate(w.Value, outside);
        }

        if (e.Body.Length > 0)
        {
            Body(e.Body, outside);
        }
    }

    /// <summary>Collects variables of a term without entering comprehensions.</summary>
    private static void Shallow(Term t, HashSet<string> into) => TermWalker.ShallowVars(t, into);

    private static void Annotate(Term t, HashSet<string> outside) =>
        new TermWalker(x =>
        {
            if (x is not ComprehensionTerm c)
            {
                return;
            }

            var all = new HashSet<string>(StringComparer.Ordinal);
            new TermWalker(y =>
            {
                if (y is VarTerm v)
                {
                    all.Add(v.Name);
                }
            }).Term(c);
            all.IntersectWith(outside);
            all.Remove("input");
            all.Remove("data");
            c.OuterVars = [.. all];
            var inner = new HashSet<string>(outside, StringComparer.Ordinal);
            Body(c.Body, inner);
        }, enterComprehensions: false).Term(t);
}
