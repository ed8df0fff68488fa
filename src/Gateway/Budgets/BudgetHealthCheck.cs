using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AgentGate.Gateway.Budgets;

/// <summary>Readiness: Degraded (still serving, local limits) while the shared store is unreachable.</summary>
internal sealed class BudgetHealthCheck(BudgetStoreHealth health) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(health.IsDegraded
            ? HealthCheckResult.Degraded($"budget store unreachable since {health.Since:O}: {health.Reason}; serving with local limits")
            : HealthCheckResult.Healthy("budget store reachable"));
}
