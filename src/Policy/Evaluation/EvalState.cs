using AgentGate.Policy.Compilation;
using AgentGate.Policy.Syntax;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Evaluation;

/// <summary>What <c>with</c> can change: input, data overrides, function replacements; each state has its own cache.</summary>
internal sealed class EvalState
{
    public Value? Input { get; init; }

    /// <summary>Base data with <c>with data…</c> overrides applied; null means the policy's data.</summary>
    public Value? Data { get; init; }

    public List<(string[] Path, Value Value)> DataOverrides { get; init; } = [];

    public Dictionary<string, Term> FunctionOverrides { get; init; } = new(StringComparer.Ordinal);

    public Dictionary<RuleNode, Value?> Cache { get; } = new(ReferenceEqualityComparer.Instance);
}
