namespace AgentGate.Gateway.Guards.Shell;

/// <summary>Bounds that keep analysis cheap on hostile input.</summary>
internal sealed record ShellAnalyzerOptions
{
    public int MaxLength { get; init; } = 64 * 1024;

    public int MaxNesting { get; init; } = 48;

    public int MaxNestedShells { get; init; } = 6;

    public int MaxCommands { get; init; } = 2_000;

    /// <summary>Function definitions are analysed (their bodies are collected) unless this refuses them.</summary>
    public bool RefuseFunctionDefinitions { get; init; }
}
