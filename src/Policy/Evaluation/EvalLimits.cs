namespace AgentGate.Policy.Evaluation;

/// <summary>Bounds that keep a bad policy or input from hanging or crashing the host.</summary>
public sealed record EvalLimits
{
    public static EvalLimits Default { get; } = new();

    /// <summary>Maximum nesting of rule/function/comprehension evaluation.</summary>
    public int MaxDepth { get; init; } = 200;

    /// <summary>Maximum evaluation steps (expressions and unifications) per query.</summary>
    public long MaxSteps { get; init; } = 10_000_000;
}
