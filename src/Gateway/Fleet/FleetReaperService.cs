using AgentGate.Sandbox.Fleet;
using AgentGate.Sandbox.Runtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AgentGate.Gateway.Fleet;

/// <summary>
/// At gateway start, removes the containers and networks of gateway instances on this host that are no longer alive
/// (their tokens died with them). Runs in the background so start-up never waits on dockerd; <see cref="Completion"/>
/// tells when the pass is over. Without dockerd there is nothing to reap.
/// </summary>
internal sealed partial class FleetReaperService(
    IContainerRuntime runtime, GatewayInstanceRegistry registry, GatewayInstanceLease instance, LocalTokenIssuer tokens, bool enabled,
    ILogger<FleetReaperService> logger) : BackgroundService
{
    private readonly TaskCompletionSource<FleetDownResult?> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The start-up pass: what it removed, or null when it was disabled or dockerd could not be reached.</summary>
    public Task<FleetDownResult?> Completion => _completion.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!enabled)
        {
            _completion.TrySetResult(null);
            return;
        }

        try
        {
            var manager = new FleetManager(runtime, tokens, new FleetOptions { GatewayInstance = instance.Id });
            var result = await manager.ReapAsync(g => g == instance.Id || registry.IsAlive(g), stoppingToken);
            if (result.ContainersRemoved + result.NetworksRemoved > 0)
                LogReaped(logger, result.ContainersRemoved, result.NetworksRemoved);
            _completion.TrySetResult(result);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            LogReapFailed(logger, ex.GetBaseException().Message);
            _completion.TrySetResult(null);
        }
        finally
        {
            _completion.TrySetCanceled(stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "reaper: removed {Containers} container(s) and {Networks} network(s) left by gateways that are gone")]
    private static partial void LogReaped(ILogger logger, int containers, int networks);

    [LoggerMessage(Level = LogLevel.Information, Message = "reaper: could not look for containers of dead gateways ({Reason})")]
    private static partial void LogReapFailed(ILogger logger, string reason);
}
