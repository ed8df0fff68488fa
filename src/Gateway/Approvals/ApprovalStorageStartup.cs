using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AgentGate.Gateway.Approvals;

/// <summary>
/// Opens the approval repository while the host starts (it is a constructor dependency), so an approvals file
/// held by another process or with an unreadable line stops start-up instead of failing the first call that
/// needs an approval, and says where approvals are kept.
/// </summary>
internal sealed partial class ApprovalStorageStartup(IApprovalRepository repository, ILogger<ApprovalStorageStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        Log.Storage(logger, repository switch
        {
            FileApprovalRepository file => "file " + file.FilePath + " (kept across restarts)",
            RedisApprovalRepository => "Redis (shared by replicas)",
            _ => "memory (lost on restart)",
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(EventId = 2203, Level = LogLevel.Information, Message = "Approvals are kept in {Storage}")]
        public static partial void Storage(ILogger logger, string storage);
    }
}
