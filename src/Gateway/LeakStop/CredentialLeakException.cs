using AgentGate.Gateway.Guards.Leaks;

namespace AgentGate.Gateway.LeakStop;

/// <summary>Thrown by <see cref="LeakScanningStream"/> to stop a body mid-way; the forwarder sees a failed client read.</summary>
internal sealed class CredentialLeakException(LeakFinding finding) : IOException(LeakStopScanner.Describe(finding))
{
    public LeakFinding Finding { get; } = finding;
}
