using AgentGate.Gateway.Admin;

namespace AgentGate.Gateway.Budgets;

/// <summary>
/// <c>/readyz</c> detail for the shared budget store. A Redis outage keeps the gateway ready — it serves
/// with local limits (pool / replicas) — but says so.
/// </summary>
internal sealed class BudgetReadinessCheck(BudgetStoreHealth health) : IReadinessCheck
{
    public string Name => "budgets";

    public ValueTask<ReadinessResult> CheckAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(health.IsDegraded
            ? ReadinessResult.Ok($"degraded: budget store unreachable since {health.Since:O} ({health.Reason}); serving with local limits")
            : ReadinessResult.Ok("shared budget store reachable"));
}
