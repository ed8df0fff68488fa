namespace AgentGate.Policy.Tooling;

public enum ConformanceOutcome
{
    Passed,
    Failed,
    Skipped,
}
