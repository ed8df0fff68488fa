using AgentGate.Policy.Syntax;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Evaluation;

/// <summary>Bodies run in compile-time order: ground expressions directly, the rest through continuations.</summary>
internal sealed partial class Evaluator
{
    /// <summary>
    /// Runs expressions from <paramref name="i"/>: tests and assignments whose terms are ground run directly
    /// (no continuation); the first expression that needs backtracking continues through <see cref="EvalExpr"/>.
    /// </summary>
    private bool EvalFrom(Expr[] body, int i, Func<bool> k)
    {
        var mark = _b.Mark;
        for (; i < body.Length; i++)
        {
            var e = body[i];
            var d = TryDirectExpr(e);
            if (d == Direct.Undefined)
            {
                _b.Undo(mark);
                return true;
            }

            if (d == Direct.Cps && e.Kind == ExprKind.SomeIn && IterateDirect(body, i, k) is { } iterated)
            {
                _b.Undo(mark);
                return iterated;
            }

            if (d == Direct.Cps)
            {
                var next = i + 1;
                var r = next == body.Length ? EvalExpr(e, k) : EvalExpr(e, () => EvalFrom(body, next, k));
                _b.Undo(mark);
                return r;
            }
        }

        var result = k();
        _b.Undo(mark);
        return result;
    }

    /// <summary>
    /// <c>some k, v in coll</c> with fresh variables over a ground collection: the members are bound in a
    /// loop and the rest of the body runs for each, without continuations. Null when it does not apply.
    /// </summary>
    private bool? IterateDirect(Expr[] body, int i, Func<bool> k)
    {
        var e = body[i];
        if (e.Negated || e.Withs.Length > 0 || e.Value is not VarTerm val || !IsFree(val)
            || (e.Key is not null && (e.Key is not VarTerm key || !IsFree(key) || key.Name == val.Name)))
        {
            return null;
        }

        var keyVar = e.Key as VarTerm;
        Step();
        var d = TryDirect(e.Domain!, out var coll);
        if (d == Direct.Cps)
        {
            return null;
        }

        if (d == Direct.Undefined)
        {
            return true;
        }

        var next = i + 1;
        switch (coll)
        {
            case ArrayValue a:
                for (var j = 0; j < a.Count; j++)
                {
                    if (!Member(keyVar is null ? null : NumberValue.From(j), a[j]))
                    {
                        return false;
                    }
                }

                return true;
            case ObjectValue o:
                foreach (var p in o.SortedPairs)
                {
                    if (!Member(p.Key, p.Value))
                    {
                        return false;
                    }
                }

                return true;
            case SetValue s:
                foreach (var m in s.Sorted)
                {
                    if (!Member(m, m))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return true;
        }

        bool Member(Value? kv, Value vv)
        {
            var mark = _b.Mark;
            if (keyVar is not null)
            {
                _b.Bind(keyVar.Name, kv!);
            }

            _b.Bind(val.Name, vv);
            var r = EvalFrom(body, next, k);
            _b.Undo(mark);
            return r;
        }
    }

    private bool IsFree(VarTerm v) => v.Name is not ("input" or "data") && !_b.IsBound(v.Name);

    /// <summary>
    /// Runs the directly evaluable prefix of a body, leaving its bindings in place: returns the index of the
    /// first expression that needs <see cref="EvalFrom"/>, the body length when all ran, or -1 when one failed.
    /// </summary>
    private int DirectPrefix(Expr[] body)
    {
        for (var i = 0; i < body.Length; i++)
        {
            var d = TryDirectExpr(body[i]);
            if (d == Direct.Undefined)
            {
                return -1;
            }

            if (d == Direct.Cps)
            {
                return i;
            }
        }

        return body.Length;
    }

    /// <summary>Evaluates an expression without continuations when it can: Value = true, Undefined = fails.</summary>
    private Direct TryDirectExpr(Expr e)
    {
        if (e.Withs.Length > 0)
        {
            return Direct.Cps;
        }

        if (e.Negated)
        {
            var inner = e.Inner!;
            if (inner.Withs.Length > 0)
            {
                return Direct.Cps;
            }

            var mark = _b.Mark;
            var d = TryDirectExpr(inner);
            _b.Undo(mark);
            return d switch
            {
                Direct.Value => Direct.Undefined,
                Direct.Undefined => Direct.Value,
                _ => Direct.Cps,
            };
        }

        switch (e.Kind)
        {
            case ExprKind.SomeDecl:
                return Direct.Value;
            case ExprKind.Term:
                break;
            default:
                return Direct.Cps;
        }

        Step();
        var t = e.Term!;
        if (t is CallTerm { Name: "assign" or "eq" } c)
        {
            var (a, b) = (c.Args[0], c.Args[1]);
            if (a is VarTerm va && va.Name is not ("input" or "data") && !_b.IsBound(va.Name))
            {
                return DirectBind(va, b);
            }

            if (b is VarTerm vb && vb.Name is not ("input" or "data") && !_b.IsBound(vb.Name))
            {
                return DirectBind(vb, a);
            }

            var da = TryDirect(a, out var x);
            if (da == Direct.Cps)
            {
                return da;
            }

            var db = TryDirect(b, out var y);
            if (db == Direct.Cps)
            {
                return db;
            }

            return da == Direct.Value && db == Direct.Value && x!.Equals(y) ? Direct.Value : Direct.Undefined;
        }

        var dt = TryDirect(t, out var v);
        if (dt == Direct.Value && v is BooleanValue { Value: false })
        {
            return Direct.Undefined;
        }

        return dt;
    }

    private Direct DirectBind(VarTerm v, Term t)
    {
        var d = TryDirect(t, out var value);
        if (d == Direct.Value)
        {
            _b.Bind(v.Name, value!);
        }

        return d;
    }
}
