using Microsoft.Extensions.Hosting;

namespace AgentGate.Gateway.Approvals;

/// <summary>
/// Opens the approval repository while the host starts, so an approvals file held by another process or with an
/// unreadable line stops start-up (instead of failing the first call that needs an approval).
/// </summary>
internal sealed class ApprovalStorageStartup(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetService(typeof(IApprovalRepository));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
