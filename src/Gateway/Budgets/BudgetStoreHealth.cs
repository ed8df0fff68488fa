namespace AgentGate.Gateway.Budgets;

/// <summary>Degraded state of the shared store, read by the readiness check, metrics and admin API.</summary>
internal sealed class BudgetStoreHealth
{
    private volatile State? _degraded;

    public bool IsDegraded => _degraded is not null;

    public string? Reason => _degraded?.Reason;

    public DateTimeOffset? Since => _degraded?.Since;

    /// <summary>Returns true when this call changed the state (log it once).</summary>
    public bool MarkDegraded(string reason, DateTimeOffset now) =>
        Interlocked.CompareExchange(ref _degraded, new State(reason, now), null) is null;

    public bool MarkHealthy() => Interlocked.Exchange(ref _degraded, null) is not null;

    private sealed record State(string Reason, DateTimeOffset Since);
}
