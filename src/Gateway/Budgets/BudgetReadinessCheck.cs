using AgentGate.Gateway.Admin;

namespace AgentGate.Gateway.Budgets;

/// <summary>
/// <c>/readyz</c> detail for the budget store. A Redis outage keeps the gateway ready — it serves with
/// local limits (pool / replicas) — but says so. The in-memory store has no Redis to lose, so its text
/// only says that pools and budgets are this replica's own.
/// </summary>
internal sealed class BudgetReadinessCheck(BudgetStoreHealth health, IBudgetStore store) : IReadinessCheck
{
    public const string InMemoryDetail = "in-memory budget store: pools and budgets are this replica's own (set AgentGate:Redis:Configuration to share them)";

    public string Name => "budgets";

    public ValueTask<ReadinessResult> CheckAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(store switch
        {
            InMemoryBudgetStore => ReadinessResult.Ok(InMemoryDetail),
            _ when health.IsDegraded => ReadinessResult.Ok($"degraded: Redis budget store unreachable since {health.Since:O} ({health.Reason}); serving with local limits"),
            _ => ReadinessResult.Ok("Redis budget store reachable; pools and budgets shared"),
        });
}
