using AgentGate.Policy.Builtins;
using AgentGate.Policy.Compilation;
using AgentGate.Policy.Syntax;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Evaluation;

/// <summary>
/// The allocation-free fast path: a term whose variables are all bound has at most one value, so it is
/// computed directly instead of through continuations. Anything this path cannot decide (an unbound
/// variable, an output argument, a replaced function) reports <see cref="Direct.Cps"/> and the general
/// evaluator takes over; the fast path only reads bindings, so falling back is always safe.
/// </summary>
internal sealed partial class Evaluator
{
    private enum Direct : byte
    {
        Undefined,
        Value,
        Cps,
    }

    private Direct TryDirect(Term t, out Value? value)
    {
        value = null;
        switch (t)
        {
            case ScalarTerm s:
                value = s.Value;
                return Direct.Value;
            case VarTerm v:
                if (_b.TryGet(v.Name, out var bound))
                {
                    value = bound;
                    return Direct.Value;
                }

                if (v.Name == "input")
                {
                    ReadWholeInput = true;
                    value = _state.Input;
                    return value is null ? Direct.Undefined : Direct.Value;
                }

                return Direct.Cps;
            case RefTerm r:
                return DirectRef(r, out value);
            case ArrayTerm a:
            {
                var items = new Value[a.Items.Length];
                for (var i = 0; i < items.Length; i++)
                {
                    var d = TryDirect(a.Items[i], out var item);
                    if (d != Direct.Value)
                    {
                        return d;
                    }

                    items[i] = item!;
                }

                value = ArrayValue.Wrap(items);
                return Direct.Value;
            }

            case SetTerm st:
            {
                var items = new Value[st.Items.Length];
                for (var i = 0; i < items.Length; i++)
                {
                    var d = TryDirect(st.Items[i], out var item);
                    if (d != Direct.Value)
                    {
                        return d;
                    }

                    items[i] = item!;
                }

                value = SetValue.From(items);
                return Direct.Value;
            }

            case ObjectTerm o:
            {
                var map = new Dictionary<Value, Value>(o.Items.Length);
                foreach (var (kt, vt) in o.Items)
                {
                    var d = TryDirect(kt, out var key);
                    if (d != Direct.Value)
                    {
                        return d;
                    }

                    d = TryDirect(vt, out var val);
                    if (d != Direct.Value)
                    {
                        return d;
                    }

                    map[key!] = val!;
                }

                value = ObjectValue.Wrap(map);
                return Direct.Value;
            }

            case CallTerm c:
                return DirectCall(c, out value);
            case ComprehensionTerm c:
                value = EvalComprehension(c);
                return Direct.Value;
            case TemplateTerm tt:
                value = EvalTemplate(tt);
                return Direct.Value;
            default:
                return Direct.Cps;
        }
    }

    private Direct DirectRef(RefTerm r, out Value? value)
    {
        value = null;
        if (r.Head is VarTerm { Name: "data" } && !_b.IsBound("data"))
        {
            return r.Target is { } target && _state.DataOverrides.Count == 0 ? DirectTarget(target, r.Path, out value) : DirectData(r.Path, out value);
        }

        Value? cur;
        Direct d;
        if (IsInputHead(r.Head))
        {
            NoteInputRef(r.Path);
            cur = _state.Input;
            if (cur is null)
            {
                return Direct.Undefined;
            }
        }
        else
        {
            d = TryDirect(r.Head, out cur);
            if (d != Direct.Value)
            {
                return d;
            }
        }

        foreach (var op in r.Path)
        {
            d = TryDirect(op, out var key);
            if (d != Direct.Value)
            {
                return d;
            }

            cur = Index(cur!, key!);
            if (cur is null)
            {
                return Direct.Undefined;
            }
        }

        value = cur;
        return Direct.Value;
    }

    /// <summary>A constant <c>data</c> reference resolved by the compiler: a base document, or a rule node's value indexed.</summary>
    private Direct DirectTarget(DataTarget target, Term[] path, out Value? value)
    {
        value = target.BaseValue;
        if (target.Node is not { } node)
        {
            return value is null ? Direct.Undefined : Direct.Value;
        }

        value = node.IsFunction ? null : NodeValue(node, null);
        for (var i = target.Depth; i < path.Length && value is not null; i++)
        {
            value = Index(value, ((ScalarTerm)path[i]).Value);
        }

        return value is null ? Direct.Undefined : Direct.Value;
    }

    /// <summary>A ground <c>data</c> reference: the rule tree is walked like <see cref="WalkNode"/> does, keys known.</summary>
    private Direct DirectData(Term[] path, out Value? value)
    {
        value = null;
        RuleNode? node = _policy.Root;
        Value? baseVal = BaseData;
        var dataKeys = true;
        for (var i = 0; i < path.Length; i++)
        {
            if (node is not null && (!node.HasAnyRules || (_state.DataOverrides.Count > 0 && IsOverridden(node))))
            {
                node = null;
            }

            var d = TryDirect(path[i], out var key);
            if (d != Direct.Value)
            {
                return d;
            }

            if (node is null)
            {
                // Plain base data from here on (number keys also match string keys of objects).
                var child = baseVal is null ? null : Index(baseVal, key!);
                if (child is null && dataKeys && key is NumberValue && baseVal is ObjectValue)
                {
                    child = Index(baseVal, StringValue.From(key.ToString()));
                }

                baseVal = child;
                if (baseVal is null)
                {
                    return Direct.Undefined;
                }

                continue;
            }

            if (node.HasRules)
            {
                if (node.IsFunction)
                {
                    return Direct.Undefined;
                }

                var v = NodeValue(node, baseVal);
                if (v is null)
                {
                    return Direct.Undefined;
                }

                baseVal = Index(v, key!);
                node = null;
                dataKeys = false;
                if (baseVal is null)
                {
                    return Direct.Undefined;
                }

                continue;
            }

            if (key is NumberValue)
            {
                key = StringValue.From(key.ToString());
            }

            baseVal = baseVal is null ? null : Index(baseVal, key!);
            RuleNode? next = null;
            if (key is StringValue s)
            {
                node.Children.TryGetValue(s.Value, out next);
            }

            node = next;
            if (node is null && baseVal is null)
            {
                return Direct.Undefined;
            }
        }

        if (node is not null && (!node.HasAnyRules || (_state.DataOverrides.Count > 0 && IsOverridden(node))))
        {
            node = null;
        }

        value = node is null ? baseVal : node.HasRules ? (node.IsFunction ? null : NodeValue(node, baseVal)) : Materialize(node, baseVal);
        return value is null ? Direct.Undefined : Direct.Value;
    }

    private Direct DirectCall(CallTerm c, out Value? value)
    {
        value = null;
        if (c.Target is null || _state.FunctionOverrides.Count > 0)
        {
            return Direct.Cps;
        }

        var fn = c.Target as RuleNode;
        var builtin = c.Target as BuiltinDefinition;
        var arity = fn is null ? builtin!.Arity : fn.Rules.Count > 0 ? fn.Rules[0].Args!.Length : fn.Default!.Args!.Length;
        if (arity != c.Args.Length)
        {
            return Direct.Cps;
        }

        var args = new Value[arity];
        for (var i = 0; i < args.Length; i++)
        {
            var d = TryDirect(c.Args[i], out var a);
            if (d != Direct.Value)
            {
                return d;
            }

            args[i] = a!;
        }

        Step();
        value = fn is not null ? CallFunction(fn, args) : CallBuiltin(builtin!, c.Name, args, c.Loc);
        return value is null ? Direct.Undefined : Direct.Value;
    }
}
