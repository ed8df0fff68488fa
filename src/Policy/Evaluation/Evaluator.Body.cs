using AgentGate.Policy.Syntax;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Evaluation;

internal sealed partial class Evaluator
{
    /// <summary>Evaluates a body in the order the compiler fixed (<see cref="Compilation.SafetyOrder"/>).</summary>
    private bool EvalBody(Expr[] body, Func<bool> k) => EvalFrom(body, 0, k);

    private bool EvalExpr(Expr e, Func<bool> k)
    {
        Step();
        if (e.Withs.Length > 0)
        {
            return EvalWith(e, k);
        }

        return EvalExprCore(e, k);
    }

    private bool EvalExprCore(Expr e, Func<bool> k)
    {
        if (e.Negated)
        {
            var mark = _b.Mark;
            var found = false;
            EvalExpr(e.Inner!, () =>
            {
                found = true;
                return false;
            });
            _b.Undo(mark);
            return found || k();
        }

        switch (e.Kind)
        {
            case ExprKind.SomeDecl:
                return k();
            case ExprKind.SomeIn:
                return EvalSomeIn(e, k);
            case ExprKind.Every:
                return EvalEvery(e, k);
        }

        var t = e.Term!;
        if (t is CallTerm c)
        {
            switch (c.Name)
            {
                case "assign":
                case "eq":
                    return Unify(c.Args[0], c.Args[1], k);
                default:
                    return EvalCall(c, true, v => v is BooleanValue { Value: false } || k());
            }
        }

        return EvalTerm(t, v => v is BooleanValue { Value: false } || k());
    }

    private bool EvalSomeIn(Expr e, Func<bool> k) =>
        EvalTerm(e.Domain!, coll => ForEachMember(coll, (key, val) =>
        {
            if (e.Key is null)
            {
                return UnifyValue(e.Value!, val, k);
            }

            return UnifyValue(e.Key, key, () => UnifyValue(e.Value!, val, k));
        }));

    private bool EvalEvery(Expr e, Func<bool> k)
    {
        var ok = true;
        var any = false;
        EvalTerm(e.Domain!, coll =>
        {
            any = true;
            ForEachMember(coll, (key, val) =>
            {
                var mark = _b.Mark;
                var found = false;
                void Check() =>
                    EvalBody(e.Body, () =>
                    {
                        found = true;
                        return false;
                    });
                if (e.Key is null)
                {
                    UnifyValue(e.Value!, val, () =>
                    {
                        Check();
                        return false;
                    });
                }
                else
                {
                    UnifyValue(e.Key, key, () => UnifyValue(e.Value!, val, () =>
                    {
                        Check();
                        return false;
                    }));
                }

                _b.Undo(mark);
                ok &= found;
                return ok;
            });
            return false;
        });
        return (!any || ok) && k();
    }

    /// <summary>Iterates (key, value) pairs: array index/item, object key/value, set element/element.</summary>
    private bool ForEachMember(Value coll, Func<Value, Value, bool> f)
    {
        switch (coll)
        {
            case ArrayValue a:
                for (var i = 0; i < a.Count; i++)
                {
                    if (!f(NumberValue.From(i), a[i]))
                    {
                        return false;
                    }
                }

                return true;
            case ObjectValue o:
                foreach (var p in o.SortedPairs)
                {
                    if (!f(p.Key, p.Value))
                    {
                        return false;
                    }
                }

                return true;
            case SetValue s:
                foreach (var v in s.Sorted)
                {
                    if (!f(v, v))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return true;
        }
    }

    /// <summary>Whether a term can be evaluated now: its vars are bound, except reference operands (outputs).</summary>
    private bool Evaluable(Term t)
    {
        switch (t)
        {
            case ScalarTerm:
                return true;
            case VarTerm v:
                return v.Name is "input" or "data" || _b.IsBound(v.Name);
            case RefTerm r:
                if (!Evaluable(r.Head))
                {
                    return false;
                }

                foreach (var p in r.Path)
                {
                    if (p is not VarTerm && !Evaluable(p) && !IsPattern(p))
                    {
                        return false;
                    }
                }

                return true;
            case ArrayTerm a:
                return All(a.Items);
            case SetTerm s:
                return All(s.Items);
            case ObjectTerm o:
                foreach (var (k, v) in o.Items)
                {
                    if (!Evaluable(k) || !Evaluable(v))
                    {
                        return false;
                    }
                }

                return true;
            case CallTerm c:
                return All(c.Args);
            case TemplateTerm tt:
                foreach (var p in tt.Parts)
                {
                    if (p is Term pt && !Evaluable(pt))
                    {
                        return false;
                    }
                }

                return true;
            case ComprehensionTerm c:
                return ComprehensionReady(c);
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

    private bool All(Term[] items)
    {
        foreach (var i in items)
        {
            if (!Evaluable(i))
            {
                return false;
            }
        }

        return true;
    }
}
