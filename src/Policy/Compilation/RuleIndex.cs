using AgentGate.Policy.Syntax;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Compilation;

/// <summary>
/// OPA-style rule indexing for a rule set: the definitions whose body tests one ground <c>input</c> reference
/// against a constant (<c>input.action.kind == "exec"</c>) are bucketed by that constant, so an evaluation
/// reads the reference once and runs only the definitions that can match (plus those without such a test),
/// in their original order. Immutable after construction.
/// </summary>
internal sealed class RuleIndex
{
    private readonly Dictionary<Value, int[]> _buckets;
    private readonly int[] _unindexed;

    private RuleIndex(RefTerm reference, Dictionary<Value, int[]> buckets, int[] unindexed)
    {
        Reference = reference;
        _buckets = buckets;
        _unindexed = unindexed;
    }

    /// <summary>The ground reference every indexed definition compares with a constant.</summary>
    public RefTerm Reference { get; }

    /// <summary>The positions (in the node's rule list) of the definitions that can match this value.</summary>
    public int[] Candidates(Value? value) =>
        value is not null && _buckets.TryGetValue(value, out var c) ? c : _unindexed;

    /// <summary>Builds an index when at least two definitions test the same reference; null otherwise.</summary>
    public static RuleIndex? Build(List<Rule> rules)
    {
        if (rules.Count < 2)
        {
            return null;
        }

        var tests = new (string Key, RefTerm Ref, Value Constant)?[rules.Count];
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < rules.Count; i++)
        {
            if (rules[i].Else is not null || rules[i].Kind == RuleKind.Function)
            {
                continue;
            }

            foreach (var e in rules[i].Body)
            {
                if (Test(e) is { } t)
                {
                    // One test per definition: the first; a second test on another reference stays in the body.
                    tests[i] = t;
                    counts[t.Key] = counts.GetValueOrDefault(t.Key) + 1;
                    break;
                }
            }
        }

        var best = counts.Where(p => p.Value >= 2).OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).FirstOrDefault();
        if (best.Key is null)
        {
            return null;
        }

        RefTerm? reference = null;
        var byConstant = new Dictionary<Value, List<int>>();
        var unindexed = new List<int>();
        for (var i = 0; i < rules.Count; i++)
        {
            if (tests[i] is { } t && t.Key == best.Key)
            {
                reference ??= t.Ref;
                if (!byConstant.TryGetValue(t.Constant, out var list))
                {
                    byConstant[t.Constant] = list = [];
                }

                list.Add(i);
            }
            else
            {
                unindexed.Add(i);
            }
        }

        var buckets = byConstant.ToDictionary(p => p.Key, p => p.Value.Concat(unindexed).Order().ToArray());
        return new RuleIndex(reference!, buckets, [.. unindexed]);
    }

    /// <summary>A body expression <c>input.a.b == constant</c> (or <c>=</c>, either side).</summary>
    private static (string Key, RefTerm Ref, Value Constant)? Test(Expr e)
    {
        if (e.Negated || e.Withs.Length > 0 || e.Kind != ExprKind.Term || e.Term is not CallTerm { Name: "equal" or "eq", Args: [var a, var b] })
        {
            return null;
        }

        var (r, c) = a is RefTerm ? (a as RefTerm, b as ScalarTerm) : (b as RefTerm, a as ScalarTerm);
        if (r is not { Head: VarTerm { Name: "input" } } || c is null || !r.Path.All(p => p is ScalarTerm { Value: StringValue }))
        {
            return null;
        }

        var key = "input" + string.Concat(r.Path.Select(p => "." + ((StringValue)((ScalarTerm)p).Value).Value));
        return (key, r, c.Value);
    }
}
