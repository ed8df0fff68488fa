namespace AgentGate.Gateway.Guards.Shell;

/// <summary>Unwinds the recursive parser; never escapes <see cref="ShellAnalyzer.Analyze"/>.</summary>
internal sealed class ShellRefusalException(string reason) : Exception(reason);
