namespace AgentGate.Sandbox.Runtime;

/// <summary>The outcome of running a command in a container.</summary>
public sealed record ExecResult(long ExitCode, string Stdout, string Stderr)
{
    public bool Succeeded => ExitCode == 0;
}
