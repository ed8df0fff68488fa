using System.Collections.Concurrent;
using AgentGate.Policy.Builtins;
using AgentGate.Policy.Compilation;
using AgentGate.Policy.Evaluation;
using AgentGate.Policy.Syntax;
using AgentGate.Policy.Values;

namespace AgentGate.Policy;

/// <summary>
/// A compiled set of Rego modules plus base data: immutable and safe to evaluate from many threads at once.
/// </summary>
public sealed class PolicyBundle
{
    private readonly CompiledPolicy _policy;
    private readonly ConcurrentDictionary<string, object> _queries = new(StringComparer.Ordinal);

    private PolicyBundle(CompiledPolicy policy, PolicyOptions options)
    {
        _policy = policy;
        Options = options;
    }

    public PolicyOptions Options { get; }

    /// <summary>Compiles modules (name → source) with base data; all errors are reported together.</summary>
    public static PolicyCompileResult Compile(IEnumerable<KeyValuePair<string, string>> modules, Value? data = null, PolicyOptions? options = null)
    {
        options ??= PolicyOptions.Default;
        var errors = new List<CompileError>();
        var baseData = data ?? ObjectValue.Empty;
        if (baseData is not ObjectValue)
        {
            return new PolicyCompileResult(null, [new PolicyError("rego_compile_error", "data must be a JSON object")]);
        }

        CompiledPolicy? compiled;
        try
        {
            compiled = Compiler.Compile(modules, baseData, options.Builtins ?? BuiltinTable.Default, errors);
        }
        catch (ParseException ex)
        {
            return new PolicyCompileResult(null, [new PolicyError("rego_parse_error", ex.Message)]);
        }

        if (compiled is null || errors.Count > 0)
        {
            return new PolicyCompileResult(null, errors.Select(e => new PolicyError(e.Code, e.ToString())).ToList());
        }

        return new PolicyCompileResult(new PolicyBundle(compiled, options), []);
    }

    /// <summary>Evaluates a query body (e.g. <c>x := data.a.b; x &gt; 1</c>) and returns its binding rows.</summary>
    public PolicyResult Evaluate(string query, Value? input, CancellationToken cancellationToken = default) =>
        Evaluate(query, input, null, cancellationToken);

    /// <summary>Evaluates a query with a per-call override of strictness and output.</summary>
    public PolicyResult Evaluate(string query, Value? input, QueryOptions? queryOptions, CancellationToken cancellationToken = default)
    {
        var parsed = _queries.GetOrAdd(query, static (q, policy) =>
        {
            try
            {
                var errors = new List<CompileError>();
                var body = Compiler.CompileQuery(q, policy, errors);
                return errors.Count == 0 ? body : new PolicyError(errors[0].Code, string.Join("; ", errors));
            }
            catch (ParseException ex)
            {
                return new PolicyError("rego_parse_error", ex.Message);
            }
        }, _policy);
        if (parsed is PolicyError pe)
        {
            return PolicyResult.Failure(pe);
        }

        if (_queries.Count > 10_000)
        {
            _queries.Clear();
        }

        return Run((Expr[])parsed, input, queryOptions, cancellationToken);
    }

    private readonly ConcurrentDictionary<string, Term[]?> _rulePaths = new(StringComparer.Ordinal);

    /// <summary>Evaluates one document path (e.g. <c>data.agentgate.decision</c>); null when undefined.</summary>
    /// <remarks>
    /// A plain dotted <c>data</c> path is evaluated directly (no query, no result rows); pass the input as a
    /// prebuilt <see cref="Value"/> (see <see cref="ValueJson"/>) and reuse it across rules of one request.
    /// </remarks>
    public (Value? Value, PolicyError? Error) EvaluateRule(string path, Value? input, CancellationToken cancellationToken = default) =>
        EvaluateRule(path, input, out _, cancellationToken);

    /// <summary>
    /// As <see cref="EvaluateRule(string, Value?, CancellationToken)"/>, with what the evaluation depended on
    /// (see <see cref="EvaluationFootprint"/>) so a caller may reuse the value for an equal input.
    /// </summary>
    public (Value? Value, PolicyError? Error) EvaluateRule(string path, Value? input, out EvaluationFootprint footprint, CancellationToken cancellationToken = default)
    {
        footprint = EvaluationFootprint.Unknown;
        if (!_rulePaths.TryGetValue(path, out var terms))
        {
            terms = ParsePath(path);
            if (_rulePaths.Count < 1000)
            {
                _rulePaths[path] = terms;
            }
        }

        if (terms is null)
        {
            var r = Evaluate("__result__ = " + path, input, null, cancellationToken);
            if (r.Error is not null)
            {
                return (null, r.Error);
            }

            return r.Rows.Count == 0 ? (null, null) : (r.Rows[0]["__result__"], null);
        }

        var ev = Start(input, null, cancellationToken, out var error);
        if (ev is null)
        {
            return (null, error);
        }

        try
        {
            var value = ev.EvalPath(terms);
            footprint = new EvaluationFootprint(!ev.Context.ReadOutsideInput, ev.ReadWholeInput, ev.InputKeysRead);
            return (value, null);
        }
        catch (Exception ex) when (AsError(ex) is not null)
        {
            return (null, AsError(ex));
        }
    }

    /// <summary>The operands of <c>data.a.b…</c> when every part is a plain name; null otherwise.</summary>
    private static Term[]? ParsePath(string path)
    {
        var parts = path.Split('.');
        if (parts[0] != "data")
        {
            return null;
        }

        var terms = new Term[parts.Length - 1];
        for (var i = 1; i < parts.Length; i++)
        {
            var p = parts[i];
            if (p.Length == 0 || !(char.IsAsciiLetter(p[0]) || p[0] == '_') || !p.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return null;
            }

            terms[i - 1] = new ScalarTerm(new Loc("query", 1, 1), StringValue.From(p));
        }

        return terms;
    }

    /// <summary>Every non-function rule path (e.g. <c>data.pkg.test_x</c>), sorted.</summary>
    public IReadOnlyList<string> RulePaths()
    {
        var list = new List<string>();
        Collect(_policy.Root, list);
        list.Sort(StringComparer.Ordinal);
        return list;

        static void Collect(RuleNode n, List<string> into)
        {
            if (n.HasRules && !n.IsFunction)
            {
                into.Add("data." + string.Join('.', n.Path));
            }

            foreach (var c in n.Children.Values)
            {
                Collect(c, into);
            }
        }
    }

    /// <summary>Checks the input and creates the evaluator for one query; null with an error when the input is refused.</summary>
    private Evaluator? Start(Value? input, QueryOptions? q, CancellationToken cancellationToken, out PolicyError? error)
    {
        error = input is null ? null : InputLimits.Check(input, Options.MaxInputNodes, Options.MaxInputDepth);
        if (error is not null)
        {
            return null;
        }

        var ctx = new BuiltinContext(q?.Now ?? Options.TimeProvider.GetUtcNow(), cancellationToken)
        {
            StrictErrors = q?.StrictBuiltinErrors ?? Options.StrictBuiltinErrors,
            PrintOutput = q?.PrintOutput ?? Options.PrintOutput,
        };
        return new Evaluator(_policy, input, ctx, Options.Limits, System.Diagnostics.Stopwatch.GetTimestamp() + (long)(Options.Timeout.TotalSeconds * System.Diagnostics.Stopwatch.Frequency));
    }

    /// <summary>The structured error for an evaluation failure; null for exceptions that are bugs.</summary>
    private static PolicyError? AsError(Exception ex) => ex switch
    {
        EvalException e => new PolicyError(e.Code, e.Message),
        InsufficientExecutionStackException => new PolicyError("eval_limit_error", "evaluation exceeded the stack depth"),
        OperationCanceledException => new PolicyError("eval_cancel_error", "evaluation cancelled or timed out"),
        _ => null,
    };

    private PolicyResult Run(Expr[] body, Value? input, QueryOptions? q, CancellationToken cancellationToken)
    {
        var ev = Start(input, q, cancellationToken, out var inputError);
        if (ev is null)
        {
            return PolicyResult.Failure(inputError!);
        }

        try
        {
            var rows = ev.Query(body);
            var result = new List<IReadOnlyDictionary<string, Value>>(rows.Count);
            foreach (var r in rows)
            {
                result.Add(r);
            }

            return PolicyResult.Success(result);
        }
        catch (Exception ex) when (AsError(ex) is not null)
        {
            return PolicyResult.Failure(AsError(ex)!);
        }
    }
}
