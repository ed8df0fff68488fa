using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AgentGate.Gateway.Budgets;

/// <summary>Readiness: Degraded (still serving, local limits) while the shared store is unreachable.</summary>
internal sealed class BudgetHealthCheck(BudgetStoreHealth health, IBudgetStore store) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(store switch
        {
            InMemoryBudgetStore => HealthCheckResult.Healthy(BudgetReadinessCheck.InMemoryDetail),
            _ when health.IsDegraded => HealthCheckResult.Degraded($"Redis budget store unreachable since {health.Since:O}: {health.Reason}; serving with local limits"),
            _ => HealthCheckResult.Healthy("Redis budget store reachable"),
        });
}
