using AgentGate.Policy.Syntax;

namespace AgentGate.Policy.Compilation;

/// <summary>
/// Compile-time safety (OPA's body reordering): every rule body, comprehension body and <c>every</c> body is
/// put once into an order in which each expression's inputs are bound before it runs, and variables that no
/// expression can bind are reported as <c>rego_unsafe_var_error</c>. The evaluator then runs bodies as ordered.
/// </summary>
internal sealed partial class SafetyOrder(Func<string, int> arity, List<CompileError> errors)
{
    /// <summary>Orders a rule (with its else chain) and checks its head variables.</summary>
    public void Rule(Rule rule)
    {
        for (var r = rule; r is not null; r = r.Else)
        {
            var entry = new HashSet<string>(StringComparer.Ordinal);
            foreach (var a in r.Args ?? [])
            {
                if (a is not (TemplateTerm or CallTerm))
                {
                    Resolver.CollectVars(a, entry);
                }
            }

            var bound = Body(r.Body, entry, entry);
            var heads = new List<Term>();
            heads.AddRange(r.Head.Skip(1));
            if (r.Key is not null)
            {
                heads.Add(r.Key);
            }

            if (r.Value is not null)
            {
                heads.Add(r.Value);
            }

            heads.AddRange((r.Args ?? []).Where(a => a is TemplateTerm or CallTerm));
            var reported = new HashSet<string>(StringComparer.Ordinal);
            foreach (var t in heads)
            {
                Nested(t, bound, bound);
                ReportUnsafe(t, bound, reported);
            }
        }
    }

    /// <summary>Orders a body in place; returns the variables bound after it (for the terms that follow it).</summary>
    public HashSet<string> Body(Expr[] body, HashSet<string> entryBound, HashSet<string> outerSafe)
    {
        var bound = new HashSet<string>(entryBound, StringComparer.Ordinal);
        var safe = new HashSet<string>(outerSafe, StringComparer.Ordinal);
        safe.UnionWith(entryBound);
        foreach (var e in body)
        {
            ExprOutputs(e, safe);
        }

        var n = body.Length;
        var done = new bool[n];
        var ordered = new Expr[n];
        for (var step = 0; step < n; step++)
        {
            var pick = -1;
            for (var i = 0; i < n && pick < 0; i++)
            {
                if (!done[i] && Ready(body[i], bound))
                {
                    pick = i;
                }
            }

            if (pick < 0)
            {
                pick = Array.IndexOf(done, false);
            }

            done[pick] = true;
            var e = body[pick];
            ordered[step] = e;
            NestedExpr(e, bound, safe);
            Binds(e, bound);
        }

        Array.Copy(ordered, body, n);
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in body)
        {
            ReportUnsafeExpr(e, safe, reported);
        }

        bound.UnionWith(safe);
        return bound;
    }

    /// <summary>Orders the bodies nested in an expression (comprehensions, <c>every</c>) for the variables bound before it.</summary>
    private void NestedExpr(Expr e, HashSet<string> bound, HashSet<string> safe)
    {
        if (e.Inner is not null)
        {
            NestedExpr(e.Inner, bound, safe);
        }

        foreach (var t in new[] { e.Term, e.Domain, e.Kind == ExprKind.Every ? null : e.Key, e.Kind == ExprKind.Every ? null : e.Value })
        {
            if (t is not null)
            {
                Nested(t, bound, safe);
            }
        }

        foreach (var w in e.Withs)
        {
            Nested(w.Value, bound, safe);
        }

        if (e.Kind == ExprKind.Every)
        {
            var entry = new HashSet<string>(bound, StringComparer.Ordinal);
            if (e.Key is not null)
            {
                TermWalker.ShallowVars(e.Key, entry);
            }

            TermWalker.ShallowVars(e.Value!, entry);
            var everySafe = new HashSet<string>(safe, StringComparer.Ordinal);
            everySafe.UnionWith(entry);
            Body(e.Body, entry, everySafe);
        }
    }

    /// <summary>Orders the comprehensions of a term: their bodies see the variables bound so far.</summary>
    private void Nested(Term t, HashSet<string> bound, HashSet<string> safe) =>
        new TermWalker(x =>
        {
            if (x is not ComprehensionTerm c)
            {
                return;
            }

            var inner = Body(c.Body, bound, safe);
            var reported = new HashSet<string>(StringComparer.Ordinal);
            foreach (var head in new[] { c.Key, c.Value })
            {
                if (head is not null)
                {
                    Nested(head, inner, inner);
                    ReportUnsafe(head, inner, reported);
                }
            }
        }, enterComprehensions: false).Term(t);

    /// <summary>The variables an evaluated expression leaves bound.</summary>
    private static void Binds(Expr e, HashSet<string> bound)
    {
        if (e.Negated)
        {
            return;
        }

        switch (e.Kind)
        {
            case ExprKind.Term:
                TermWalker.ShallowVars(e.Term!, bound);
                break;
            case ExprKind.SomeIn:
                if (e.Key is not null)
                {
                    TermWalker.ShallowVars(e.Key, bound);
                }

                TermWalker.ShallowVars(e.Value!, bound);
                TermWalker.ShallowVars(e.Domain!, bound);
                break;
        }
    }

    private void ReportUnsafeExpr(Expr e, HashSet<string> safe, HashSet<string> reported)
    {
        if (e.Inner is not null)
        {
            ReportUnsafeExpr(e.Inner, safe, reported);
        }

        switch (e.Kind)
        {
            case ExprKind.Term:
                ReportUnsafe(e.Term!, safe, reported);
                break;
            case ExprKind.SomeIn:
                ReportUnsafe(e.Domain!, safe, reported);
                break;
            case ExprKind.Every:
                ReportUnsafe(e.Domain!, safe, reported);
                break;
        }
    }

    private void ReportUnsafe(Term t, HashSet<string> safe, HashSet<string> reported) =>
        new TermWalker(x =>
        {
            if (x is VarTerm v && !v.IsWildcard && v.Name is not ("input" or "data") && !safe.Contains(v.Name) && reported.Add(v.Name))
            {
                errors.Add(new CompileError("rego_unsafe_var_error", $"var {v.Name} is unsafe", v.Loc.ToString()));
            }
        }, enterComprehensions: false).Term(t);
}
