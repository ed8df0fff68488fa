using AgentGate.Policy.Compilation;
using AgentGate.Policy.Syntax;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Evaluation;

/// <summary>Rule sets: the candidate definitions (through the rule index), partial sets and complete rules.</summary>
internal sealed partial class Evaluator
{
    /// <summary>
    /// The positions of the definitions of a node worth evaluating: through its <see cref="RuleIndex"/> when it
    /// has one (the indexed reference is read once), otherwise null for all of them.
    /// </summary>
    private int[]? Candidates(RuleNode node)
    {
        if (node.Index is not { } index)
        {
            return null;
        }

        return TryDirect(index.Reference, out var v) switch
        {
            Direct.Value => index.Candidates(v),
            Direct.Undefined => index.Candidates(null),
            _ => null,
        };
    }

    private SetValue SetRules(RuleNode node)
    {
        var set = new HashSet<Value>();
        var candidates = Candidates(node);
        var n = candidates?.Length ?? node.Rules.Count;
        for (var j = 0; j < n; j++)
        {
            var r = node.Rules[candidates is null ? j : candidates[j]];
            var saved = EnterScope();
            try
            {
                var stop = DirectPrefix(r.Body);
                if (stop == r.Body.Length)
                {
                    AddMember(set, r.Key!);
                }
                else if (stop >= 0)
                {
                    EvalFrom(r.Body, stop, () => AddMember(set, r.Key!));
                }
            }
            finally
            {
                LeaveScope(saved);
            }
        }

        return SetValue.Wrap(set);
    }

    private Value? CompleteRules(RuleNode node)
    {
        Value? result = null;
        var candidates = Candidates(node);
        var n = candidates?.Length ?? node.Rules.Count;
        for (var j = 0; j < n; j++)
        {
            var r = node.Rules[candidates is null ? j : candidates[j]];
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

    /// <summary>Adds the value(s) of a term to a set being built; always continues.</summary>
    private bool AddMember(HashSet<Value> set, Term t)
    {
        var d = TryDirect(t, out var v);
        if (d == Direct.Value)
        {
            set.Add(v!);
        }
        else if (d == Direct.Cps)
        {
            EvalTerm(t, x =>
            {
                set.Add(x);
                return true;
            });
        }

        return true;
    }
}
