using AgentGate.Policy.Syntax;

namespace AgentGate.Policy.Compilation;

internal sealed partial class SafetyOrder
{
    /// <summary>True when every variable the expression reads is bound (output positions excepted).</summary>
    private bool Ready(Expr e, HashSet<string> bound)
    {
        if (e.Negated)
        {
            return Ready(e.Inner!, bound) && NoUnboundVars(e.Inner!, bound);
        }

        switch (e.Kind)
        {
            case ExprKind.SomeDecl:
                return true;
            case ExprKind.SomeIn:
            case ExprKind.Every:
                return Evaluable(e.Domain!, bound);
        }

        foreach (var w in e.Withs)
        {
            if (!Evaluable(w.Value, bound))
            {
                return false;
            }
        }

        var t = e.Term!;
        if (t is CallTerm c)
        {
            switch (c.Name)
            {
                case "assign":
                    return Evaluable(c.Args[1], bound);
                case "eq":
                    return Evaluable(c.Args[0], bound) || Evaluable(c.Args[1], bound) || Unifiable(c.Args[0], c.Args[1], bound);
                default:
                    var n = c.Args.Length;
                    if (n > 0 && IsOutputCall(c))
                    {
                        n--;
                    }

                    for (var i = 0; i < n; i++)
                    {
                        if (!Evaluable(c.Args[i], bound))
                        {
                            return false;
                        }
                    }

                    return true;
            }
        }

        return Evaluable(t, bound);
    }

    private bool IsOutputCall(CallTerm c)
    {
        var n = arity(c.Name);
        return n >= 0 && c.Args.Length == n + 1;
    }

    private static bool NoUnboundVars(Expr e, HashSet<string> bound)
    {
        if (e.Term is null)
        {
            return true;
        }

        var set = new HashSet<string>(StringComparer.Ordinal);
        TermWalker.ShallowVars(e.Term, set);
        return set.All(v => v.StartsWith('$') || v is "input" or "data" || bound.Contains(v));
    }

    private bool Unifiable(Term a, Term b, HashSet<string> bound) => (a, b) switch
    {
        (ArrayTerm x, ArrayTerm y) => x.Items.Length == y.Items.Length
            && x.Items.Zip(y.Items).All(p => Evaluable(p.First, bound) || Evaluable(p.Second, bound) || Unifiable(p.First, p.Second, bound)),
        (ObjectTerm, ObjectTerm) => true,
        _ => false,
    };

    /// <summary>Whether a term can be evaluated with these variables bound (reference operands may be outputs).</summary>
    private static bool Evaluable(Term t, HashSet<string> bound)
    {
        switch (t)
        {
            case VarTerm v:
                return v.Name is "input" or "data" || bound.Contains(v.Name);
            case RefTerm r:
                return Evaluable(r.Head, bound) && r.Path.All(p => p is VarTerm || Evaluable(p, bound) || IsPattern(p));
            case ArrayTerm a:
                return a.Items.All(i => Evaluable(i, bound));
            case SetTerm s:
                return s.Items.All(i => Evaluable(i, bound));
            case ObjectTerm o:
                return o.Items.All(p => Evaluable(p.Key, bound) && Evaluable(p.Value, bound));
            case CallTerm c:
                return c.Args.All(a => Evaluable(a, bound));
            case TemplateTerm tt:
                return tt.Parts.All(p => p is not Term pt || Evaluable(pt, bound));
            case ComprehensionTerm c:
                return c.OuterVars.All(bound.Contains);
            default:
                return true;
        }
    }

    private static bool IsPattern(Term t) => t switch
    {
        VarTerm => true,
        ArrayTerm a => a.Items.All(i => i is VarTerm or ScalarTerm || IsPattern(i)),
        _ => false,
    };

    /// <summary>Adds the variables an expression can bind (OPA's output positions).</summary>
    private void ExprOutputs(Expr e, HashSet<string> into)
    {
        if (e.Negated)
        {
            return;
        }

        switch (e.Kind)
        {
            case ExprKind.Term:
                Outputs(e.Term!, false, into);
                break;
            case ExprKind.SomeIn:
                if (e.Key is not null)
                {
                    Outputs(e.Key, true, into);
                }

                Outputs(e.Value!, true, into);
                Outputs(e.Domain!, false, into);
                break;
        }
    }

    private void Outputs(Term t, bool pattern, HashSet<string> into)
    {
        switch (t)
        {
            case VarTerm v:
                if (pattern)
                {
                    into.Add(v.Name);
                }

                break;
            case RefTerm r:
                Outputs(r.Head, false, into);
                foreach (var p in r.Path)
                {
                    Outputs(p, true, into);
                }

                break;
            case ArrayTerm a:
                foreach (var i in a.Items)
                {
                    Outputs(i, pattern, into);
                }

                break;
            case SetTerm s:
                foreach (var i in s.Items)
                {
                    Outputs(i, pattern, into);
                }

                break;
            case ObjectTerm o:
                foreach (var (k, v) in o.Items)
                {
                    Outputs(k, pattern, into);
                    Outputs(v, pattern, into);
                }

                break;
            case CallTerm { Name: "assign" or "eq" } c:
                Outputs(c.Args[0], true, into);
                Outputs(c.Args[1], c.Name == "eq", into);
                break;
            case CallTerm c:
                var last = IsOutputCall(c) ? c.Args.Length - 1 : -1;
                for (var i = 0; i < c.Args.Length; i++)
                {
                    Outputs(c.Args[i], i == last, into);
                }

                break;
            case TemplateTerm tt:
                foreach (var p in tt.Parts)
                {
                    if (p is Term pt)
                    {
                        Outputs(pt, false, into);
                    }
                }

                break;
        }
    }
}
