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
                funcs[root] = w.Value;
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
                throw new EvalException("rego_type_error", $"{t.Loc}: invalid with target");
        }
    }

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
