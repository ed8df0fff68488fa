using AgentGate.Policy.Syntax;

namespace AgentGate.Policy.Compilation;

/// <summary>
/// Visits every term of a rule (head, arguments, body and with values). With
/// <paramref name="enterComprehensions"/> false, a comprehension is visited itself but its key, value and
/// body are not (the variables of the current scope only).
/// </summary>
internal sealed class TermWalker(Action<Term> visit, bool enterComprehensions = true)
{
    /// <summary>Adds the names of the variables of <paramref name="t"/>, outside comprehensions.</summary>
    public static void ShallowVars(Term t, HashSet<string> into) =>
        new TermWalker(x =>
        {
            if (x is VarTerm v)
            {
                into.Add(v.Name);
            }
        }, enterComprehensions: false).Term(t);

    public void Rule(Rule r)
    {
        foreach (var h in r.Head.Skip(1))
        {
            Term(h);
        }

        foreach (var a in r.Args ?? [])
        {
            Term(a);
        }

        Opt(r.Value);
        Opt(r.Key);
        Body(r.Body);
    }

    public void Body(Expr[] body)
    {
        foreach (var e in body)
        {
            Expr(e);
        }
    }

    private void Expr(Expr e)
    {
        if (e.Inner is not null)
        {
            Expr(e.Inner);
        }

        Opt(e.Term);
        Opt(e.Key);
        Opt(e.Value);
        Opt(e.Domain);
        Body(e.Body);
        foreach (var w in e.Withs)
        {
            Term(w.Value);
        }
    }

    private void Opt(Term? t)
    {
        if (t is not null)
        {
            Term(t);
        }
    }

    public void Term(Term t)
    {
        visit(t);
        switch (t)
        {
            case RefTerm r:
                Term(r.Head);
                foreach (var p in r.Path)
                {
                    Term(p);
                }

                break;
            case ArrayTerm a:
                foreach (var i in a.Items)
                {
                    Term(i);
                }

                break;
            case SetTerm s:
                foreach (var i in s.Items)
                {
                    Term(i);
                }

                break;
            case ObjectTerm o:
                foreach (var (k, v) in o.Items)
                {
                    Term(k);
                    Term(v);
                }

                break;
            case CallTerm c:
                foreach (var a in c.Args)
                {
                    Term(a);
                }

                break;
            case ComprehensionTerm c when enterComprehensions:
                Opt(c.Key);
                Term(c.Value);
                Body(c.Body);
                break;
            case TemplateTerm tt:
                foreach (var p in tt.Parts)
                {
                    if (p is Term pt)
                    {
                        Term(pt);
                    }
                }

                break;
        }
    }
}
