namespace AgentGate.Sandbox.Fleet;

/// <summary>Per-container limits: memory in bytes, CPUs (fractional) and the process count.</summary>
public sealed record AgentResources(long MemoryBytes, double Cpus, long Pids)
{
    public static AgentResources Default { get; } = new(512L * 1024 * 1024, 1.0, 256);
}
