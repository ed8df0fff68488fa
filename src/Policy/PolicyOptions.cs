using AgentGate.Policy.Builtins;
using AgentGate.Policy.Evaluation;

namespace AgentGate.Policy;

/// <summary>Compile- and evaluation-time settings of a <see cref="PolicyBundle"/>.</summary>
public sealed record PolicyOptions
{
    public static PolicyOptions Default { get; } = new();

    /// <summary>Builtins available to policies; defaults to <see cref="BuiltinTable.Default"/>.</summary>
    public BuiltinTable? Builtins { get; init; }

    /// <summary>Depth and step bounds of one evaluation.</summary>
    public EvalLimits Limits { get; init; } = EvalLimits.Default;

    /// <summary>Wall-clock bound of one evaluation (in addition to the caller's token).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Largest accepted input, in nodes (values) of the input document.</summary>
    public int MaxInputNodes { get; init; } = 1_000_000;

    /// <summary>Deepest accepted input nesting.</summary>
    public int MaxInputDepth { get; init; } = 128;

    /// <summary>Builtin errors abort evaluation instead of making the expression undefined.</summary>
    public bool StrictBuiltinErrors { get; init; }

    /// <summary>The clock frozen once per query for time builtins.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Where <c>print</c>/<c>trace</c> output goes; null discards it.</summary>
    public TextWriter? PrintOutput { get; init; }
}
