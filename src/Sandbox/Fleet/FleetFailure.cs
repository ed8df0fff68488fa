namespace AgentGate.Sandbox.Fleet;

/// <summary>One failure in a fleet operation: what failed (<c>agent 'a1'</c>, <c>network 'agentgate-demo'</c>) and why.</summary>
public sealed record FleetFailure(string Subject, Exception Error)
{
    public static FleetFailure ForAgent(string agent, Exception error) => new($"agent '{agent}'", error);

    public override string ToString() => $"{Subject}: {Error.GetBaseException().Message}";
}
