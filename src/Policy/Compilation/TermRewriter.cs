using AgentGate.Policy.Syntax;

namespace AgentGate.Policy.Compilation;

/// <summary>
/// Replaces terms of a rule (head values, body, with values, comprehensions) bottom-up: <c>replace</c> returns
/// the substitute for a term, or null to keep it. Terms are immutable records, so parents are rebuilt.
/// </summary>
internal sealed class TermRewriter(Func<Term, Term?> replace)
{
    public void Rule(Rule r)
    {
        r.Head = [r.Head[0], .. r.Head.Skip(1).Select(Term)];
        r.Args = r.Args?.Select(Term).ToArray();
        r.Value = Opt(r.Value);
        r.Key = Opt(r.Key);
        r.Body = Body(r.Body);
    }

    private Expr[] Body(Expr[] body)
    {
        foreach (var e in body)
        {
            Expr(e);
        }

        return body;
    }

    private void Expr(Expr e)
    {
        if (e.Inner is not null)
        {
            Expr(e.Inner);
        }

        e.Term = Opt(e.Term);
        e.Key = Opt(e.Key);
        e.Value = Opt(e.Value);
        e.Domain = Opt(e.Domain);
        Body(e.Body);
        e.Withs = [.. e.Withs.Select(w => w with { Value = Term(w.Value) })];
    }

    private Term? Opt(Term? t) => t is null ? null : Term(t);

    private Term Term(Term t)
    {
        var rebuilt = t switch
        {
            RefTerm r => r with { Head = Term(r.Head), Path = [.. r.Path.Select(Term)] },
            ArrayTerm a => a with { Items = [.. a.Items.Select(Term)] },
            SetTerm s => s with { Items = [.. s.Items.Select(Term)] },
            ObjectTerm o => o with { Items = [.. o.Items.Select(p => (Term(p.Key), Term(p.Value)))] },
            CallTerm c => c with { Args = [.. c.Args.Select(Term)] },
            ComprehensionTerm c => c with { Key = Opt(c.Key), Value = Term(c.Value), Body = Body(c.Body) },
            TemplateTerm tt => tt with { Parts = [.. tt.Parts.Select(p => p is Term pt ? Term(pt) : p)] },
            _ => t,
        };
        return replace(rebuilt) ?? rebuilt;
    }
}
