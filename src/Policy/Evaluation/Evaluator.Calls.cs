using AgentGate.Policy.Builtins;
using AgentGate.Policy.Compilation;
using AgentGate.Policy.Syntax;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Evaluation;

internal sealed partial class Evaluator
{
    private RuleNode? FindNode(string dottedData) => _policy.Nodes.GetValueOrDefault(dottedData);

    private bool IsOutputCall(CallTerm c)
    {
        var arity = Arity(c.Name);
        return arity >= 0 && c.Args.Length == arity + 1;
    }

    private int Arity(string name)
    {
        if (_state.FunctionOverrides.Count > 0 && _state.FunctionOverrides.ContainsKey(name))
        {
            // Arity follows the replaced function.
        }

        if (name.StartsWith("data.", StringComparison.Ordinal))
        {
            var n = FindNode(name);
            if (n is null || !n.IsFunction)
            {
                return -1;
            }

            return n.Rules.Count > 0 ? n.Rules[0].Args!.Length : n.Default!.Args!.Length;
        }

        return name switch
        {
            "walk" => 1,
            "print" or "internal.print" => -1,
            _ => _policy.Builtins.TryGet(name, out var def) ? def.Arity : -1,
        };
    }

    private bool EvalCall(CallTerm c, bool isExpr, Func<Value, bool> k)
    {
        var name = c.Name;
        if (name is "print" or "internal.print")
        {
            return EvalPrint(c, k);
        }

        var arity = Arity(name);
        if (arity < 0 && !_state.FunctionOverrides.ContainsKey(name))
        {
            throw EvalException.At("rego_type_error", c.Loc, $"undefined function {name}");
        }

        if (arity < 0)
        {
            arity = c.Args.Length;
        }

        var output = c.Args.Length == arity + 1;
        if (!output && c.Args.Length != arity)
        {
            throw EvalException.At("rego_type_error", c.Loc, $"{name}: arity mismatch");
        }

        var inputs = output ? c.Args[..^1] : c.Args;
        return EvalArgs(inputs, new Value[inputs.Length], new bool[inputs.Length], inputs.Length, args =>
        {
            if (name == "walk" && !_state.FunctionOverrides.ContainsKey(name))
            {
                return WalkValue(args[0], [], output ? c.Args[^1] : null, k);
            }

            var result = Invoke(name, args, c.Loc);
            if (result is null)
            {
                return true;
            }

            return output ? UnifyValue(c.Args[^1], result, () => k(BooleanValue.True)) : k(result);
        });
    }

    /// <summary>Evaluates call operands, those that can be evaluated first (so references bind output vars).</summary>
    private bool EvalArgs(Term[] items, Value[] acc, bool[] done, int left, Func<Value[], bool> k)
    {
        if (left == 0)
        {
            return k((Value[])acc.Clone());
        }

        var pick = -1;
        for (var i = 0; i < items.Length; i++)
        {
            if (!done[i])
            {
                if (pick < 0)
                {
                    pick = i;
                }

                if (Evaluable(items[i]))
                {
                    pick = i;
                    break;
                }
            }
        }

        done[pick] = true;
        var r = EvalTerm(items[pick], v =>
        {
            acc[pick] = v;
            return EvalArgs(items, acc, done, left - 1, k);
        });
        done[pick] = false;
        return r;
    }

    private Value? Invoke(string name, Value[] args, Loc loc)
    {
        Step();
        if (_state.FunctionOverrides.TryGetValue(name, out var repl))
        {
            var replName = repl switch
            {
                VarTerm vt when Arity(vt.Name) >= 0 => vt.Name,
                RefTerm { Head: VarTerm { Name: "data" } } r when r.Path.All(p => p is ScalarTerm { Value: StringValue }) =>
                    "data" + string.Concat(r.Path.Select(p => "." + ((StringValue)((ScalarTerm)p).Value).Value)),
                _ => null,
            };
            if (replName is not null && Arity(replName) >= 0)
            {
                var saved = _state;
                var funcs = new Dictionary<string, Term>(saved.FunctionOverrides, StringComparer.Ordinal);
                funcs.Remove(name);
                _state = new EvalState { Input = saved.Input, Data = saved.Data, DataOverrides = saved.DataOverrides, FunctionOverrides = funcs };
                try
                {
                    return funcs.ContainsKey(replName) ? Invoke(replName, args, loc) : InvokeDirect(replName, args, loc);
                }
                finally
                {
                    _state = saved;
                }
            }

            Value? v = null;
            EvalTerm(repl, x =>
            {
                v = x;
                return false;
            });
            return v;
        }

        return InvokeDirect(name, args, loc);
    }

    private Value? InvokeDirect(string name, Value[] args, Loc loc)
    {
        if (name.StartsWith("data.", StringComparison.Ordinal))
        {
            return CallFunction(FindNode(name)!, args);
        }

        if (!_policy.Builtins.TryGet(name, out var def))
        {
            throw EvalException.At("rego_type_error", loc, $"undefined function {name}");
        }

        return CallBuiltin(def, name, args, loc);
    }

    private Value? CallBuiltin(BuiltinDefinition def, string name, Value[] args, Loc loc)
    {
        if (def.Nondeterministic)
        {
            _ctx.ReadOutsideInput = true;
        }

        try
        {
            return def.Function(_ctx, args);
        }
        catch (BuiltinException ex)
        {
            if (_ctx.StrictErrors)
            {
                throw EvalException.At(ex.Code, loc, $"{ex.Message}");
            }

            return null;
        }
        catch (EvalException)
        {
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not InsufficientExecutionStackException)
        {
            if (_ctx.StrictErrors)
            {
                throw EvalException.At("eval_builtin_error", loc, $"{name}: {ex.Message}");
            }

            return null;
        }
    }

    private bool WalkValue(Value v, List<Value> path, Term? output, Func<Value, bool> k)
    {
        var pair = ArrayValue.From(ArrayValue.From(path), v);
        var cont = output is null ? k(pair) : UnifyValue(output, pair, () => k(BooleanValue.True));
        if (!cont)
        {
            return false;
        }

        return ForEachMember(v, (key, child) =>
        {
            path.Add(key);
            var r = WalkValue(child, path, output, k);
            path.RemoveAt(path.Count - 1);
            return r;
        });
    }

    private bool EvalPrint(CallTerm c, Func<Value, bool> k)
    {
        var parts = new List<string>();
        foreach (var a in c.Args)
        {
            var values = new List<string>();
            var mark = _b.Mark;
            if (Evaluable(a))
            {
                EvalTerm(a, v =>
                {
                    values.Add(v is StringValue s ? s.Value : v.ToString());
                    return true;
                });
            }

            _b.Undo(mark);
            parts.Add(values.Count == 0 ? "<undefined>" : string.Join(", ", values));
        }

        _ctx.PrintOutput?.WriteLine(string.Join(' ', parts));
        return k(BooleanValue.True);
    }
}
