using AgentGate.Policy.Builtins;
using AgentGate.Policy.Compilation;
using AgentGate.Policy.Syntax;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Evaluation;

/// <summary>
/// Top-down Rego evaluator for one query: continuation-passing with backtracking over a binding trail.
/// Not thread-safe; create one per query.
/// </summary>
internal sealed partial class Evaluator
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Expr[], List<string>> QueryVarCache = new();

    private readonly CompiledPolicy _policy;
    private readonly BuiltinContext _ctx;
    private readonly EvalLimits _limits;
    /// <summary>The rule nodes being evaluated, innermost last (a short stack: recursion is a compile error).</summary>
    private readonly List<RuleNode> _inProgress = [];
    private readonly Stack<Bindings> _bindingsPool = new();
    private Bindings _b = new();
    private EvalState _state;
    private long _steps;
    private int _depth;

    private readonly long _deadline;

    /// <summary>The builtin context of this query (read after evaluation: did it stay a pure function of input and data?).</summary>
    public BuiltinContext Context => _ctx;

    public Evaluator(CompiledPolicy policy, Value? input, BuiltinContext ctx, EvalLimits limits, long deadlineTimestamp = long.MaxValue)
    {
        _deadline = deadlineTimestamp;
        _policy = policy;
        _ctx = ctx;
        _limits = limits;
        _state = new EvalState { Input = input };
    }

    /// <summary>The value of a ground <c>data</c> path (e.g. <c>data.pkg.rule</c>); null when undefined.</summary>
    public Value? EvalPath(Term[] path)
    {
        if (DirectData(path, out var v) != Direct.Cps)
        {
            return v;
        }

        Value? first = null;
        EvalData(path, 0, x =>
        {
            first = x;
            return false;
        });
        return first;
    }

    /// <summary>Evaluates a query body; returns every row of bindings of the named (non-wildcard) vars.</summary>
    public List<Dictionary<string, Value>> Query(Expr[] body)
    {
        var rows = new List<Dictionary<string, Value>>();
        var names = QueryVarCache.GetValue(body, static b =>
        {
            var list = new List<string>();
            foreach (var e in b)
            {
                CollectQueryVars(e, list);
            }

            return list;
        });

        EvalBody(body, () =>
        {
            var row = new Dictionary<string, Value>(StringComparer.Ordinal);
            foreach (var n in names)
            {
                if (_b.TryGet(n, out var v))
                {
                    row[n] = v;
                }
            }

            rows.Add(row);
            return true;
        });
        return rows;
    }

    private static void CollectQueryVars(Expr e, List<string> names)
    {
        if (e.Inner is not null)
        {
            return;
        }

        void Add(Term? t)
        {
            if (t is null)
            {
                return;
            }

            var set = new HashSet<string>(StringComparer.Ordinal);
            CollectAllVars(t, set);
            foreach (var n in set)
            {
                if (!n.StartsWith('$') && !n.StartsWith("__local", StringComparison.Ordinal) && n is not ("input" or "data") && !names.Contains(n))
                {
                    names.Add(n);
                }
            }
        }

        Add(e.Term);
        if (e.Kind == ExprKind.SomeIn)
        {
            Add(e.Key);
            Add(e.Value);
        }
    }

    private static void CollectAllVars(Term t, HashSet<string> into)
    {
        switch (t)
        {
            case VarTerm v:
                into.Add(v.Name);
                break;
            case RefTerm r:
                CollectAllVars(r.Head, into);
                foreach (var p in r.Path)
                {
                    CollectAllVars(p, into);
                }

                break;
            case ArrayTerm a:
                foreach (var i in a.Items)
                {
                    CollectAllVars(i, into);
                }

                break;
            case SetTerm s:
                foreach (var i in s.Items)
                {
                    CollectAllVars(i, into);
                }

                break;
            case ObjectTerm o:
                foreach (var (k, v) in o.Items)
                {
                    CollectAllVars(k, into);
                    CollectAllVars(v, into);
                }

                break;
            case CallTerm c:
                foreach (var a in c.Args)
                {
                    CollectAllVars(a, into);
                }

                break;
            case TemplateTerm tt:
                foreach (var p in tt.Parts)
                {
                    if (p is Term pt)
                    {
                        CollectAllVars(pt, into);
                    }
                }

                break;
        }
    }

    private void Step()
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        if (++_steps > _limits.MaxSteps)
        {
            throw new EvalException("eval_limit_error", $"evaluation exceeded the step limit ({_limits.MaxSteps})");
        }

        if ((_steps & 1023) == 1 && (_ctx.CancellationToken.IsCancellationRequested || System.Diagnostics.Stopwatch.GetTimestamp() > _deadline))
        {
            throw new EvalException("eval_cancel_error", "evaluation cancelled or timed out");
        }
    }

    private void Enter()
    {
        if (++_depth > _limits.MaxDepth)
        {
            throw new EvalException("eval_limit_error", $"evaluation exceeded the depth limit ({_limits.MaxDepth})");
        }
    }

    private void Leave() => _depth--;
}
