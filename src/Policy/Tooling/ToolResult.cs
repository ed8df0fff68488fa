namespace AgentGate.Policy.Tooling;

/// <summary>What a tool prints and the process exit code it asks for.</summary>
public sealed record ToolResult(int ExitCode, string Output);
