namespace AgentGate.Policy.Tooling;

/// <summary>The outcome of one conformance case, identified as <c>path#index</c>.</summary>
public sealed record ConformanceCaseResult(string Case, string Group, ConformanceOutcome Outcome, string? Reason);
