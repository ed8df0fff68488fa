using AgentGate.Policy.Syntax;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Evaluation;

/// <summary>Variable scopes of rule bodies: pooled binding frames, reused within one evaluation.</summary>
internal sealed partial class Evaluator
{
    /// <summary>The first value of a term in a fresh scope (default rule values).</summary>
    private Value? FirstValue(Term t)
    {
        var saved = EnterScope();
        try
        {
            var d = TryDirect(t, out var v);
            if (d == Direct.Cps)
            {
                EvalTerm(t, x =>
                {
                    v = x;
                    return false;
                });
            }

            return v;
        }
        finally
        {
            LeaveScope(saved);
        }
    }

    private static readonly ScalarTerm TrueTerm = new(new Loc("", 0, 0), BooleanValue.True);

    /// <summary>Starts a fresh variable scope (a rule body); returns the enclosing one for <see cref="LeaveScope"/>.</summary>
    private Bindings EnterScope()
    {
        var saved = _b;
        _b = _bindingsPool.Count > 0 ? _bindingsPool.Pop() : new Bindings();
        return saved;
    }

    private void LeaveScope(Bindings saved)
    {
        _b.Clear();
        _bindingsPool.Push(_b);
        _b = saved;
    }

    private void InScope(Func<bool> body)
    {
        var saved = EnterScope();
        try
        {
            body();
        }
        finally
        {
            LeaveScope(saved);
        }
    }
}
