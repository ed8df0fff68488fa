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

    private static readonly List<(string[] Path, Value Value)> NoDataOverrides = [];
    private static readonly Dictionary<string, Term> NoFunctionOverrides = new(StringComparer.Ordinal);

    /// <summary>Read-only: <c>with</c> builds a new list (the default is shared by every query).</summary>
    public List<(string[] Path, Value Value)> DataOverrides { get; init; } = NoDataOverrides;

    /// <summary>Read-only: <c>with</c> builds a new map (the default is shared by every query).</summary>
    public Dictionary<string, Term> FunctionOverrides { get; init; } = NoFunctionOverrides;

    public Dictionary<RuleNode, Value?> Cache { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>Values of comprehensions that close over no local variable (they depend on input and data only).</summary>
    public Dictionary<ComprehensionTerm, Value>? Comprehensions { get; set; }
}
