using AgentGate.Policy.Syntax;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Evaluation;

internal sealed partial class Evaluator
{
    private bool EvalWith(Expr e, Func<bool> k)
    {
        var old = _state;
        var input = old.Input;
        Value data = old.Data ?? _policy.Data;
        var overrides = new List<(string[], Value)>(old.DataOverrides);
        var funcs = new Dictionary<string, Term>(old.FunctionOverrides, StringComparer.Ordinal);
        foreach (var w in e.Withs)
        {
            var (root, path) = TargetPath(w.Target);
            if (root is "input" or "data")
            {
                Value? value = null;
                EvalTerm(w.Value, v =>
                {
                    value = v;
                    return false;
                });
                if (value is null)
                {
                    return true;
                }

                if (root == "input")
                {
                    input = path.Length == 0 ? value : Upsert(input ?? ObjectValue.Empty, path, 0, value);
                }
                else
                {
                    data = Upsert(data, path, 0, value);
                    overrides.Add((path.Select(p => p is StringValue s ? s.Value : p.ToString()).ToArray(), value));
                }
            }
            else
            {
                var fname = DottedName(w.Value);
                if (fname is not null && !_b.IsBound(fname) && Arity(fname) >= 0)
                {
                    funcs[root] = new VarTerm(w.Value.Loc, fname);
                }
                else
                {
                    Value? value = null;
                    EvalTerm(w.Value, v =>
                    {
                        value = v;
                        return false;
                    });
                    if (value is null)
                    {
                        return true;
                    }

                    funcs[root] = new ScalarTerm(w.Value.Loc, value);
                }
            }
        }

        var ns = new EvalState { Input = input, Data = data, DataOverrides = overrides, FunctionOverrides = funcs };
        _state = ns;
        try
        {
            return EvalExprCore(e, () =>
            {
                _state = old;
                try
                {
                    return k();
                }
                finally
                {
                    _state = ns;
                }
            });
        }
        finally
        {
            _state = old;
        }
    }

    private (string Root, Value[] Path) TargetPath(Term t)
    {
        switch (t)
        {
            case VarTerm v:
                return (v.Name, []);
            case RefTerm { Head: VarTerm hv } r:
                var path = new Value[r.Path.Length];
                for (var i = 0; i < path.Length; i++)
                {
                    Value? key = null;
                    EvalTerm(r.Path[i], x =>
                    {
                        key = x;
                        return false;
                    });
                    path[i] = key ?? NullValue.Instance;
                }

                if (hv.Name is "input" or "data")
                {
                    return (hv.Name, path);
                }

                return (hv.Name + string.Concat(path.Select(p => "." + (p is StringValue s ? s.Value : p.ToString()))), []);
            default:
                throw EvalException.At("rego_type_error", t.Loc, $"invalid with target");
        }
    }

    private static string? DottedName(Term t) => t switch
    {
        VarTerm v => v.Name,
        RefTerm { Head: VarTerm hv } r when r.Path.All(p => p is ScalarTerm { Value: StringValue }) =>
            hv.Name + string.Concat(r.Path.Select(p => "." + ((StringValue)((ScalarTerm)p).Value).Value)),
        _ => null,
    };

    private static Value Upsert(Value root, Value[] path, int i, Value v)
    {
        if (i == path.Length)
        {
            return v;
        }

        var obj = root as ObjectValue ?? ObjectValue.Empty;
        var child = obj.Get(path[i]) ?? ObjectValue.Empty;
        return obj.With(path[i], Upsert(child, path, i + 1, v));
    }
}
