using AgentGate.Policy;

namespace AgentGate.Gateway.Enforcement;

/// <summary>An activated bundle: compiled, tested, immutable; swapped atomically on reload.</summary>
internal sealed record PolicySnapshot(PolicyBundle Bundle, string Revision, string Origin, int Modules, int TestsPassed, DateTimeOffset ActivatedAt);
