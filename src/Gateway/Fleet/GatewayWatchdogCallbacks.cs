using AgentGate.Sandbox.Fleet;
using AgentGate.Sandbox.Runtime;
using AgentGate.Sandbox.Watchdog;
using Microsoft.Extensions.Logging;

namespace AgentGate.Gateway.Fleet;

/// <summary>The gateway's watchdog actions: alerts are warnings in the log, pauses go to the model-call gate, stops to dockerd.</summary>
internal sealed partial class GatewayWatchdogCallbacks(FleetAgentIndex index, IContainerRuntime runtime, ILogger<GatewayWatchdogCallbacks> logger) : IWatchdogCallbacks
{
    public ValueTask AlertAsync(AgentHealth health, CancellationToken cancellationToken)
    {
        LogAlert(logger, health.Fleet, health.Agent, health.State, health.Reason);
        return ValueTask.CompletedTask;
    }

    public ValueTask PauseModelAccessAsync(AgentHealth health, CancellationToken cancellationToken)
    {
        index.Pause(health.Fleet, health.Agent, health.Reason);
        return ValueTask.CompletedTask;
    }

    public async ValueTask StopContainerAsync(AgentHealth health, CancellationToken cancellationToken)
    {
        var labels = new Dictionary<string, string>
        {
            [SandboxLabels.Managed] = "true", [SandboxLabels.Fleet] = health.Fleet, [SandboxLabels.Agent] = health.Agent,
        };
        foreach (var container in await runtime.ListContainersAsync(labels, cancellationToken))
            await runtime.StopContainerAsync(container.Id, TimeSpan.FromSeconds(5), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "watchdog: agent {Fleet}/{Agent} is {State}: {Reason}")]
    private static partial void LogAlert(ILogger logger, string fleet, string agent, AgentState state, string reason);
}
