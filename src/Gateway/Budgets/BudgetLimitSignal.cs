namespace AgentGate.Gateway.Budgets;

/// <summary>
/// Raised when a budget limit changes — through this replica's admin API, or through another replica's
/// (Redis pub/sub) — so running streams check their budgets again at their next event instead of only when
/// they outgrow their reservation: lowering a runaway agent's limit stops its streams too.
/// </summary>
internal sealed class BudgetLimitSignal
{
    private int _version;

    public int Version => Volatile.Read(ref _version);

    public void Raise() => Interlocked.Increment(ref _version);
}
