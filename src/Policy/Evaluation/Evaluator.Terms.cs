using System.Text;
using AgentGate.Policy.Syntax;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Evaluation;

internal sealed partial class Evaluator
{
    private bool EvalTerm(Term t, Func<Value, bool> k)
    {
        switch (t)
        {
            case ScalarTerm s:
                return k(s.Value);
            case VarTerm v:
                if (_b.TryGet(v.Name, out var bound))
                {
                    return k(bound);
                }

                if (v.Name == "input")
                {
                    ReadWholeInput = true;
                    return _state.Input is null || k(_state.Input);
                }

                if (v.Name == "data")
                {
                    return EvalData([], 0, k);
                }

                throw EvalException.At("rego_unsafe_var_error", v.Loc, $"var {v.Name} is unsafe");
            case RefTerm r:
                return EvalRef(r, k);
            case ArrayTerm a:
                return EvalItems(a.Items, 0, new Value[a.Items.Length], items => k(ArrayValue.Wrap(items)));
            case SetTerm s:
                return EvalItems(s.Items, 0, new Value[s.Items.Length], items => k(SetValue.From(items)));
            case ObjectTerm o:
                return EvalObject(o, 0, new Dictionary<Value, Value>(), k);
            case CallTerm c:
                return EvalCall(c, false, k);
            case ComprehensionTerm c:
                return k(EvalComprehension(c));
            case TemplateTerm tt:
                return k(EvalTemplate(tt));
            default:
                return true;
        }
    }

    private bool EvalItems(Term[] items, int i, Value[] acc, Func<Value[], bool> k)
    {
        if (i == items.Length)
        {
            return k((Value[])acc.Clone());
        }

        return EvalTerm(items[i], v =>
        {
            acc[i] = v;
            return EvalItems(items, i + 1, acc, k);
        });
    }

    private bool EvalObject(ObjectTerm o, int i, Dictionary<Value, Value> acc, Func<Value, bool> k)
    {
        if (i == o.Items.Length)
        {
            return k(ObjectValue.From(acc));
        }

        return EvalTerm(o.Items[i].Key, key => EvalTerm(o.Items[i].Value, val =>
        {
            var had = acc.TryGetValue(key, out var prev);
            acc[key] = val;
            var r = EvalObject(o, i + 1, acc, k);
            if (had)
            {
                acc[key] = prev!;
            }
            else
            {
                acc.Remove(key);
            }

            return r;
        }));
    }

    private Value EvalComprehension(ComprehensionTerm c)
    {
        if (c.OuterVars.Length > 0)
        {
            return ComputeComprehension(c);
        }

        var cache = _state.Comprehensions ??= new Dictionary<ComprehensionTerm, Value>(ReferenceEqualityComparer.Instance);
        if (!cache.TryGetValue(c, out var v))
        {
            v = ComputeComprehension(c);
            cache[c] = v;
        }

        return v;
    }

    private Value ComputeComprehension(ComprehensionTerm c)
    {
        Enter();
        try
        {
            var mark = _b.Mark;
            Value result;
            switch (c.Kind)
            {
                case ComprehensionKind.Array:
                {
                    var list = new List<Value>();
                    EvalBody(c.Body, () => EvalTerm(c.Value, v =>
                    {
                        list.Add(v);
                        return true;
                    }));
                    result = ArrayValue.Wrap([.. list]);
                    break;
                }

                case ComprehensionKind.Set:
                {
                    var set = new HashSet<Value>();
                    EvalBody(c.Body, () => EvalTerm(c.Value, v =>
                    {
                        set.Add(v);
                        return true;
                    }));
                    result = SetValue.Wrap(set);
                    break;
                }

                default:
                {
                    var map = new Dictionary<Value, Value>();
                    EvalBody(c.Body, () => EvalTerm(c.Key!, key => EvalTerm(c.Value, v =>
                    {
                        if (map.TryGetValue(key, out var prev) && !prev.Equals(v))
                        {
                            throw EvalException.At("eval_conflict_error", c.Loc, $"object keys must be unique");
                        }

                        map[key] = v;
                        return true;
                    })));
                    result = ObjectValue.Wrap(map);
                    break;
                }
            }

            _b.Undo(mark);
            return result;
        }
        finally
        {
            Leave();
        }
    }

    private StringValue EvalTemplate(TemplateTerm t)
    {
        var sb = new StringBuilder();
        foreach (var p in t.Parts)
        {
            if (p is string s)
            {
                sb.Append(s);
                continue;
            }

            Value? first = null;
            var mark = _b.Mark;
            EvalTerm((Term)p, v =>
            {
                first = v;
                return false;
            });
            _b.Undo(mark);
            if (first is null)
            {
                sb.Append("<undefined>");
            }
            else if (first is StringValue sv)
            {
                sb.Append(sv.Value);
            }
            else
            {
                sb.Append(first.ToString());
            }
        }

        return StringValue.From(sb.ToString());
    }

    private bool EvalRef(RefTerm r, Func<Value, bool> k)
    {
        if (r.Head is VarTerm { Name: "data" } && !_b.IsBound("data"))
        {
            return EvalData(r.Path, 0, k);
        }

        if (IsInputHead(r.Head))
        {
            NoteInputRef(r.Path);
            return _state.Input is null || Walk(_state.Input, r.Path, 0, k);
        }

        return EvalTerm(r.Head, v => Walk(v, r.Path, 0, k));
    }

    /// <summary>Applies reference operands to a plain value, iterating where an operand is unbound.</summary>
    private bool Walk(Value v, Term[] path, int i, Func<Value, bool> k, bool dataKeys = false)
    {
        if (i == path.Length)
        {
            return k(v);
        }

        var op = path[i];
        if (op is ScalarTerm s)
        {
            var child = Index(v, s.Value);
            if (child is null && dataKeys && s.Value is NumberValue && v is ObjectValue)
            {
                child = Index(v, StringValue.From(s.Value.ToString()));
            }

            return child is null || Walk(child, path, i + 1, k, dataKeys);
        }

        if (op is VarTerm vt && !_b.IsBound(vt.Name) && vt.Name is not ("input" or "data"))
        {
            return ForEachMember(v, (key, val) => BindVar(vt, key, () => Walk(val, path, i + 1, k, dataKeys)));
        }

        if (!Evaluable(op))
        {
            return ForEachMember(v, (key, val) => UnifyValue(op, key, () => Walk(val, path, i + 1, k)));
        }

        return EvalTerm(op, key =>
        {
            var child = Index(v, key);
            if (child is null && dataKeys && key is NumberValue && v is ObjectValue)
            {
                child = Index(v, StringValue.From(key.ToString()));
            }

            return child is null || Walk(child, path, i + 1, k, dataKeys);
        });
    }

    private static Value? Index(Value v, Value key)
    {
        switch (v)
        {
            case ObjectValue o:
                return o.Get(key);
            case ArrayValue a:
                if (key is NumberValue n && n.TryGetInt32(out var idx) && idx >= 0 && idx < a.Count)
                {
                    return a[idx];
                }

                return null;
            case SetValue s:
                return s.Contains(key) ? key : null;
            default:
                return null;
        }
    }
}
