using AgentGate.Policy.Compilation;
using AgentGate.Policy.Syntax;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Evaluation;

internal sealed partial class Evaluator
{
    private static int StaticLength(Rule r)
    {
        var n = 1;
        while (n < r.Head.Length && r.Head[n] is ScalarTerm { Value: StringValue })
        {
            n++;
        }

        return n;
    }

    private Value? GroupValue(RuleNode node)
    {
        var rules = node.Rules;
        if (rules.Count == 0)
        {
            return DefaultValue(node);
        }

        var objectMode = false;
        var setMode = false;
        foreach (var r in rules)
        {
            if (StaticLength(r) < r.Head.Length)
            {
                objectMode = true;
            }
            else if (r.Kind == RuleKind.Contains)
            {
                setMode = true;
            }
        }

        if (objectMode)
        {
            return ObjectRules(node);
        }

        if (setMode)
        {
            var set = new HashSet<Value>();
            foreach (var r in rules)
            {
                InScope(() => EvalBody(r.Body, () => EvalTerm(r.Key!, v =>
                {
                    set.Add(v);
                    return true;
                })));
            }

            return SetValue.Wrap(set);
        }

        Value? result = null;
        foreach (var r in rules)
        {
            var v = CompleteRule(r, null);
            if (v is null)
            {
                continue;
            }

            if (result is not null && !result.Equals(v))
            {
                throw Conflict(r, "complete rules must not produce multiple outputs");
            }

            result = v;
        }

        return result ?? DefaultValue(node);
    }

    private static EvalException Conflict(Rule r, string msg) => EvalException.At("eval_conflict_error", r.Loc, msg);

    private Value? DefaultValue(RuleNode node)
    {
        if (node.Default is null || node.Default.Kind == RuleKind.Function)
        {
            return null;
        }

        Value? v = null;
        InScope(() => EvalTerm(node.Default.Value ?? new ScalarTerm(node.Default.Loc, BooleanValue.True), x =>
        {
            v = x;
            return false;
        }));
        return v;
    }

    private void InScope(Func<bool> body)
    {
        var saved = _b;
        _b = new Bindings();
        try
        {
            body();
        }
        finally
        {
            _b = saved;
        }
    }

    /// <summary>Evaluates a complete rule (with its else chain); args are unified first for functions.</summary>
    private Value? CompleteRule(Rule rule, Value[]? args)
    {
        for (var r = rule; r is not null; r = r.Else)
        {
            Value? result = null;
            var current = r;
            InScope(() => UnifyArgs(current, args, 0, () => EvalBody(current.Body, () => CheckDeferredArgs(current, args, 0, () =>
                EvalTerm(current.Value ?? new ScalarTerm(current.Loc, BooleanValue.True), v =>
                {
                    if (result is not null && !result.Equals(v))
                    {
                        throw Conflict(current, args is null ? "complete rules must not produce multiple outputs" : "functions must not produce multiple outputs for same inputs");
                    }

                    result = v;
                    return true;
                })))));
            if (result is not null)
            {
                return result;
            }
        }

        return null;
    }

    private bool UnifyArgs(Rule r, Value[]? args, int i, Func<bool> k)
    {
        if (args is null || i == args.Length)
        {
            return k();
        }

        if (IsDeferredArg(r.Args![i]))
        {
            return UnifyArgs(r, args, i + 1, k);
        }

        return UnifyValue(r.Args![i], args[i], () => UnifyArgs(r, args, i + 1, k));
    }

    /// <summary>Argument terms that are computed (templates, calls) are compared after the body binds their vars.</summary>
    private bool IsDeferredArg(Term t) => t is TemplateTerm or CallTerm && !Evaluable(t);

    private bool CheckDeferredArgs(Rule r, Value[]? args, int i, Func<bool> k)
    {
        if (args is null || i == args.Length)
        {
            return k();
        }

        var t = r.Args![i];
        if (t is TemplateTerm or CallTerm)
        {
            return UnifyValue(t, args[i], () => CheckDeferredArgs(r, args, i + 1, k));
        }

        return CheckDeferredArgs(r, args, i + 1, k);
    }

    private Value ObjectRules(RuleNode node)
    {
        var root = new Dictionary<Value, object>();
        foreach (var r in node.Rules)
        {
            var start = StaticLength(r);
            var keys = r.Head[start..];
            var rule = r;
            InScope(() => EvalBody(rule.Body, () => EvalItems(keys, 0, new Value[keys.Length], kv =>
            {
                if (rule.Kind == RuleKind.Contains)
                {
                    return EvalTerm(rule.Key!, v =>
                    {
                        Insert(root, kv, 0, v, rule, true);
                        return true;
                    });
                }

                return EvalTerm(rule.Value ?? new ScalarTerm(rule.Loc, BooleanValue.True), v =>
                {
                    Insert(root, kv, 0, v, rule, false);
                    return true;
                });
            })));
        }

        return (Value)Freeze(root);
    }

    private static void Insert(Dictionary<Value, object> map, Value[] keys, int i, Value v, Rule r, bool contains)
    {
        var key = keys[i];
        if (i == keys.Length - 1)
        {
            if (contains)
            {
                if (!map.TryGetValue(key, out var existing))
                {
                    existing = new HashSet<Value>();
                    map[key] = existing;
                }

                if (existing is not HashSet<Value> hs)
                {
                    throw Conflict(r, "object keys must be unique");
                }

                hs.Add(v);
                return;
            }

            if (map.TryGetValue(key, out var prev))
            {
                if (prev is not Value pv || !pv.Equals(v))
                {
                    throw Conflict(r, "object keys must be unique");
                }

                return;
            }

            map[key] = v;
            return;
        }

        if (!map.TryGetValue(key, out var sub))
        {
            sub = new Dictionary<Value, object>();
            map[key] = sub;
        }

        if (sub is not Dictionary<Value, object> d)
        {
            throw Conflict(r, "object keys must be unique");
        }

        Insert(d, keys, i + 1, v, r, contains);
    }

    private static object Freeze(object o) => o switch
    {
        Dictionary<Value, object> d => ObjectValue.Wrap(d.ToDictionary(p => p.Key, p => (Value)Freeze(p.Value))),
        HashSet<Value> s => SetValue.Wrap(s),
        _ => o,
    };

    /// <summary>Calls a user function: every definition is tried; distinct results conflict.</summary>
    private Value? CallFunction(RuleNode node, Value[] args)
    {
        if (!_inProgress.Add(node))
        {
            throw new EvalException("rego_recursion_error", "rego_recursion_error: function data." + string.Join('.', node.Path) + " is recursive");
        }

        Enter();
        try
        {
            Value? result = null;
            foreach (var r in node.Rules)
            {
                if (r.Args!.Length != args.Length)
                {
                    continue;
                }

                var v = CompleteRule(r, args);
                if (v is null)
                {
                    continue;
                }

                if (result is not null && !result.Equals(v))
                {
                    throw Conflict(r, "functions must not produce multiple outputs for same inputs");
                }

                result = v;
            }

            if (result is null && node.Default is { } d)
            {
                InScope(() => EvalTerm(d.Value ?? new ScalarTerm(d.Loc, BooleanValue.True), x =>
                {
                    result = x;
                    return false;
                }));
            }

            return result;
        }
        finally
        {
            Leave();
            _inProgress.Remove(node);
        }
    }
}
