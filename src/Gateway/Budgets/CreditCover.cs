namespace AgentGate.Gateway.Budgets;

/// <summary>How far a key's replica credit covers one charge (see <see cref="ReplicaCredit"/>).</summary>
internal enum CreditCover : byte
{
    Missing,
    Low,
    Full,
}
