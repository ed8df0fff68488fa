using AgentGate.Policy.Syntax;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Evaluation;

internal sealed partial class Evaluator
{
    /// <summary>Evaluates a body; expressions whose inputs are not yet bound are deferred (OPA's reordering).</summary>
    private bool EvalBody(Expr[] body, Func<bool> k)
    {
        if (body.Length == 0)
        {
            return k();
        }

        var done = new bool[body.Length];
        return EvalRemaining(body, done, body.Length, k);
    }

    private bool EvalRemaining(Expr[] body, bool[] done, int left, Func<bool> k)
    {
        if (left == 0)
        {
            return k();
        }

        var pick = -1;
        for (var i = 0; i < body.Length; i++)
        {
            if (!done[i])
            {
                if (Ready(body[i]))
                {
                    pick = i;
                    break;
                }

                if (pick < 0)
                {
                    pick = -2 - i;
                }
            }
        }

        if (pick < -1)
        {
            pick = -2 - pick;
        }

        done[pick] = true;
        var r = EvalExpr(body[pick], () => EvalRemaining(body, done, left - 1, k));
        done[pick] = false;
        return r;
    }

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

    /// <summary>True when every variable the expression reads is bound (output positions excepted).</summary>
    private bool Ready(Expr e)
    {
        if (e.Negated)
        {
            return Ready(e.Inner!) && NoUnboundVars(e.Inner!);
        }

        switch (e.Kind)
        {
            case ExprKind.SomeDecl:
                return true;
            case ExprKind.SomeIn:
            case ExprKind.Every:
                return Evaluable(e.Domain!);
        }

        foreach (var w in e.Withs)
        {
            if (!Evaluable(w.Value))
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
                    return Evaluable(c.Args[1]);
                case "eq":
                    return Evaluable(c.Args[0]) || Evaluable(c.Args[1]) || Unifiable(c.Args[0], c.Args[1]);
                default:
                    var n = c.Args.Length;
                    if (n > 0 && IsOutputCall(c))
                    {
                        n--;
                    }

                    for (var i = 0; i < n; i++)
                    {
                        if (!Evaluable(c.Args[i]))
                        {
                            return false;
                        }
                    }

                    return true;
            }
        }

        return Evaluable(t);
    }

    private bool NoUnboundVars(Expr e)
    {
        if (e.Term is null)
        {
            return true;
        }

        var names = e.VarNames;
        if (names is null)
        {
            var set = new HashSet<string>(StringComparer.Ordinal);
            CollectAllVars(e.Term, set);
            set.RemoveWhere(v => v.StartsWith('$') || v is "input" or "data");
            names = [.. set];
            e.VarNames = names;
        }

        foreach (var v in names)
        {
            if (!_b.IsBound(v))
            {
                return false;
            }
        }

        return true;
    }

    private bool Unifiable(Term a, Term b) => (a, b) switch
    {
        (ArrayTerm x, ArrayTerm y) => x.Items.Length == y.Items.Length && Zip(x.Items, y.Items),
        (ObjectTerm, ObjectTerm) => true,
        _ => false,
    };

    private bool Zip(Term[] a, Term[] b)
    {
        for (var i = 0; i < a.Length; i++)
        {
            if (!(Evaluable(a[i]) || Evaluable(b[i]) || Unifiable(a[i], b[i])))
            {
                return false;
            }
        }

        return true;
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
