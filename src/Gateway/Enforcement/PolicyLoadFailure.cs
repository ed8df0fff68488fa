namespace AgentGate.Gateway.Enforcement;

/// <summary>The last bundle that could not be activated, and why.</summary>
internal sealed record PolicyLoadFailure(string Revision, IReadOnlyList<string> Errors, DateTimeOffset At);
