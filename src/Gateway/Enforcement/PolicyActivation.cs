namespace AgentGate.Gateway.Enforcement;

/// <summary>The outcome of compiling and testing a bundle: a snapshot to activate, or every problem.</summary>
internal sealed record PolicyActivation(PolicySnapshot? Snapshot, string Revision, IReadOnlyList<string> Errors)
{
    public bool Success => Snapshot is not null;
}
