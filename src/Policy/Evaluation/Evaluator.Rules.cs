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

        return setMode ? SetRules(node) : CompleteRules(node);
    }

    private static EvalException Conflict(Rule r, string msg) => EvalException.At("eval_conflict_error", r.Loc, msg);

    private Value? DefaultValue(RuleNode node)
    {
        if (node.Default is null || node.Default.Kind == RuleKind.Function)
        {
            return null;
        }

        return FirstValue(node.Default.Value ?? TrueTerm);
    }

    /// <summary>Evaluates a complete rule (with its else chain); args are unified first for functions.</summary>
    private Value? CompleteRule(Rule rule, Value[]? args)
    {
        for (var r = rule; r is not null; r = r.Else)
        {
            var result = args is null ? CompleteBody(r) : FunctionBody(r, args);
            if (result is not null)
            {
                return result;
            }
        }

        return null;
    }

    /// <summary>One complete (non-function) definition: body, then the value; distinct values conflict.</summary>
    private Value? CompleteBody(Rule r)
    {
        var saved = EnterScope();
        try
        {
            return BodyValue(r, "complete rules must not produce multiple outputs");
        }
        finally
        {
            LeaveScope(saved);
        }
    }

    /// <summary>Runs a rule body in the current scope and returns the value of its head (null when undefined).</summary>
    private Value? BodyValue(Rule r, string conflict)
    {
        var stop = DirectPrefix(r.Body);
        if (stop < 0)
        {
            return null;
        }

        if (stop == r.Body.Length && TryDirect(r.Value ?? TrueTerm, out var direct) != Direct.Cps)
        {
            return direct;
        }

        Value? result = null;
        EvalFrom(r.Body, stop, () => EvalTerm(r.Value ?? TrueTerm, v =>
        {
            if (result is not null && !result.Equals(v))
            {
                throw Conflict(r, conflict);
            }

            result = v;
            return true;
        }));
        return result;
    }

    private Value? FunctionBody(Rule r, Value[] args)
    {
        const string conflict = "functions must not produce multiple outputs for same inputs";
        if (Array.TrueForAll(r.Args!, a => a is VarTerm))
        {
            // Plain variable parameters bind directly (a repeated name must receive equal values).
            var saved = EnterScope();
            try
            {
                for (var i = 0; i < args.Length; i++)
                {
                    var name = ((VarTerm)r.Args![i]).Name;
                    if (_b.TryGet(name, out var prev))
                    {
                        if (!prev.Equals(args[i]))
                        {
                            return null;
                        }
                    }
                    else
                    {
                        _b.Bind(name, args[i]);
                    }
                }

                return BodyValue(r, conflict);
            }
            finally
            {
                LeaveScope(saved);
            }
        }

        Value? result = null;
        InScope(() => UnifyArgs(r, args, 0, () => EvalBody(r.Body, () => CheckDeferredArgs(r, args, 0, () =>
            EvalTerm(r.Value ?? TrueTerm, v =>
            {
                if (result is not null && !result.Equals(v))
                {
                    throw Conflict(r, conflict);
                }

                result = v;
                return true;
            })))));
        return result;
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
        var candidates = Candidates(node);
        var n = candidates?.Length ?? node.Rules.Count;
        for (var j = 0; j < n; j++)
        {
            var r = node.Rules[candidates is null ? j : candidates[j]];
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

                return EvalTerm(rule.Value ?? TrueTerm, v =>
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
        if (_inProgress.Contains(node))
        {
            throw new EvalException("rego_recursion_error", "rego_recursion_error: function data." + string.Join('.', node.Path) + " is recursive");
        }

        _inProgress.Add(node);
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
                result = FirstValue(d.Value ?? TrueTerm);
            }

            return result;
        }
        finally
        {
            Leave();
            _inProgress.RemoveAt(_inProgress.Count - 1);
        }
    }
}
