using AgentGate.Policy.Syntax;

namespace AgentGate.Policy.Compilation;

/// <summary>Visits variables of a term and reports comprehensions without descending into them.</summary>
internal sealed class TermWalkerShallow(Action<string>? onVar, Action<ComprehensionTerm>? onComprehension = null)
{
    public void Term(Term t)
    {
        switch (t)
        {
            case VarTerm v:
                onVar?.Invoke(v.Name);
                break;
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
            case TemplateTerm tt:
                foreach (var p in tt.Parts)
                {
                    if (p is Term pt)
                    {
                        Term(pt);
                    }
                }

                break;
            case ComprehensionTerm c:
                onComprehension?.Invoke(c);
                break;
        }
    }
}
