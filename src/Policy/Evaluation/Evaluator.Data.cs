using AgentGate.Policy.Compilation;
using AgentGate.Policy.Syntax;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Evaluation;

internal sealed partial class Evaluator
{
    private Value BaseData => _state.Data ?? _policy.Data;

    private bool EvalData(Term[] path, int i, Func<Value, bool> k) => WalkNode(_policy.Root, BaseData, path, i, k);

    private bool IsOverridden(RuleNode node)
    {
        foreach (var (p, _) in _state.DataOverrides)
        {
            if (p.Length <= node.Path.Length && p.AsSpan().SequenceEqual(node.Path.AsSpan(0, p.Length)))
            {
                return true;
            }
        }

        return false;
    }

    private bool WalkNode(RuleNode? node, Value? baseVal, Term[] path, int i, Func<Value, bool> k)
    {
        if (node is not null && (!node.HasAnyRules || (_state.DataOverrides.Count > 0 && IsOverridden(node))))
        {
            node = null;
        }

        if (node is null)
        {
            return baseVal is null || Walk(baseVal, path, i, k, dataKeys: true);
        }

        if (node.HasRules)
        {
            if (node.IsFunction)
            {
                return true;
            }

            var v = NodeValue(node, baseVal);
            return v is null || Walk(v, path, i, k);
        }

        if (i == path.Length)
        {
            var m = Materialize(node, baseVal);
            return m is null || k(m);
        }

        var op = path[i];
        if (op is VarTerm vt && !_b.IsBound(vt.Name) && vt.Name is not ("input" or "data"))
        {
            var keys = new SortedSet<Value>();
            foreach (var c in node.Children.Keys)
            {
                keys.Add(StringValue.From(c));
            }

            if (baseVal is ObjectValue bo)
            {
                foreach (var key in bo.Map.Keys)
                {
                    keys.Add(key);
                }
            }

            foreach (var key in keys)
            {
                if (!BindVar(vt, key, () => Child(node, baseVal, key, path, i, k)))
                {
                    return false;
                }
            }

            return true;
        }

        return EvalTerm(op, key => Child(node, baseVal, key, path, i, k));
    }

    private bool Child(RuleNode node, Value? baseVal, Value key, Term[] path, int i, Func<Value, bool> k)
    {
        if (key is NumberValue)
        {
            key = StringValue.From(key.ToString());
        }

        var baseChild = baseVal is null ? null : Index(baseVal, key);
        RuleNode? child = null;
        if (key is StringValue s)
        {
            node.Children.TryGetValue(s.Value, out child);
        }

        return WalkNode(child, baseChild, path, i + 1, k);
    }

    /// <summary>The whole document at a node: base data merged with every rule below it.</summary>
    private Value? Materialize(RuleNode node, Value? baseVal)
    {
        if (!node.HasAnyRules || (_state.DataOverrides.Count > 0 && IsOverridden(node)))
        {
            return baseVal;
        }

        if (node.HasRules)
        {
            return node.IsFunction ? null : NodeValue(node, baseVal);
        }

        var map = baseVal is ObjectValue bo ? new Dictionary<Value, Value>(bo.Map) : new Dictionary<Value, Value>();
        foreach (var (name, child) in node.Children)
        {
            var key = StringValue.From(name);
            var v = Materialize(child, map.TryGetValue(key, out var b) ? b : null);
            if (v is null)
            {
                map.Remove(key);
            }
            else
            {
                map[key] = v;
            }
        }

        return ObjectValue.Wrap(map);
    }

    /// <summary>The value of the rules at a node (cached per query and <c>with</c> scope), merged with rules below.</summary>
    private Value? NodeValue(RuleNode node, Value? baseVal)
    {
        if (_state.Cache.TryGetValue(node, out var cached))
        {
            return cached;
        }

        if (_inProgress.Contains(node))
        {
            throw new EvalException("rego_recursion_error", "rego_recursion_error: rule data." + string.Join('.', node.Path) + " is recursive");
        }

        _inProgress.Add(node);
        Enter();
        Value? v;
        try
        {
            v = GroupValue(node);
            if (node.Children.Count > 0 && v is ObjectValue ov)
            {
                var map = new Dictionary<Value, Value>(ov.Map);
                foreach (var (name, child) in node.Children)
                {
                    var cv = Materialize(child, null);
                    if (cv is not null)
                    {
                        map[StringValue.From(name)] = cv;
                    }
                }

                v = ObjectValue.Wrap(map);
            }
        }
        finally
        {
            Leave();
            _inProgress.RemoveAt(_inProgress.Count - 1);
        }

        _state.Cache[node] = v;
        return v;
    }
}
