using AgentGate.Policy.Syntax;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Evaluation;

internal sealed partial class Evaluator
{
    private bool ComprehensionReady(ComprehensionTerm c)
    {
        foreach (var v in c.OuterVars)
        {
            if (!_b.IsBound(v))
            {
                return false;
            }
        }

        return true;
    }

    private bool Unify(Term a, Term b, Func<bool> k)
    {
        if (a is VarTerm va && !IsBoundVar(va))
        {
            return EvalTerm(b, v => BindVar(va, v, k));
        }

        if (b is VarTerm vb && !IsBoundVar(vb))
        {
            return EvalTerm(a, v => BindVar(vb, v, k));
        }

        if (a is ArrayTerm aa && b is ArrayTerm ab)
        {
            return aa.Items.Length == ab.Items.Length && UnifyPairs(aa.Items, ab.Items, 0, k);
        }

        if (Evaluable(a))
        {
            return EvalTerm(a, v => UnifyValue(b, v, k));
        }

        if (Evaluable(b))
        {
            return EvalTerm(b, v => UnifyValue(a, v, k));
        }

        if (a is ObjectTerm oa && b is ObjectTerm ob && oa.Items.Length == ob.Items.Length)
        {
            return UnifyObjects(oa, ob, 0, k);
        }

        throw EvalException.At("rego_unsafe_var_error", a.Loc, $"var is unsafe in unification");
    }

    private bool UnifyObjects(ObjectTerm a, ObjectTerm b, int i, Func<bool> k)
    {
        if (i == a.Items.Length)
        {
            return k();
        }

        var keyTerm = a.Items[i].Key;
        return EvalTerm(keyTerm, key =>
        {
            foreach (var (bk, bv) in b.Items)
            {
                var found = false;
                var r = EvalTerm(bk, k2 =>
                {
                    found = k2.Equals(key);
                    return false;
                });
                if (found)
                {
                    return Unify(a.Items[i].Value, bv, () => UnifyObjects(a, b, i + 1, k));
                }
            }

            return true;
        });
    }

    private bool UnifyPairs(Term[] a, Term[] b, int i, Func<bool> k) =>
        i == a.Length ? k() : Unify(a[i], b[i], () => UnifyPairs(a, b, i + 1, k));

    private bool IsBoundVar(VarTerm v) => v.Name is "input" or "data" || _b.IsBound(v.Name);

    private bool BindVar(VarTerm v, Value value, Func<bool> k)
    {
        var mark = _b.Mark;
        _b.Bind(v.Name, value);
        var r = k();
        _b.Undo(mark);
        return r;
    }

    /// <summary>Unifies a (possibly partially bound) term with a ground value.</summary>
    private bool UnifyValue(Term t, Value v, Func<bool> k)
    {
        switch (t)
        {
            case VarTerm vt:
                if (vt.Name is "input" or "data")
                {
                    return EvalTerm(t, x => !x.Equals(v) || k());
                }

                if (_b.TryGet(vt.Name, out var bound))
                {
                    return !bound.Equals(v) || k();
                }

                return BindVar(vt, v, k);
            case ScalarTerm s:
                return !s.Value.Equals(v) || k();
            case ArrayTerm a:
                if (v is not ArrayValue av || av.Count != a.Items.Length)
                {
                    return true;
                }

                return UnifyArray(a.Items, av, 0, k);
            case ObjectTerm o when !Evaluable(o):
                if (v is not ObjectValue ov || ov.Count != o.Items.Length)
                {
                    return true;
                }

                return UnifyObjectValue(o, ov, 0, k);
            default:
                return EvalTerm(t, x => !x.Equals(v) || k());
        }
    }

    private bool UnifyArray(Term[] items, ArrayValue v, int i, Func<bool> k) =>
        i == items.Length ? k() : UnifyValue(items[i], v[i], () => UnifyArray(items, v, i + 1, k));

    private bool UnifyObjectValue(ObjectTerm o, ObjectValue v, int i, Func<bool> k)
    {
        if (i == o.Items.Length)
        {
            return k();
        }

        return EvalTerm(o.Items[i].Key, key =>
            !v.TryGetValue(key, out var val) || UnifyValue(o.Items[i].Value, val, () => UnifyObjectValue(o, v, i + 1, k)));
    }
}
