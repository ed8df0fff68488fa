namespace AgentGate.Sandbox.Watchdog;

/// <summary>The gateway's side of the watchdog's actions (alerting, pausing model access, stopping via FleetManager.StopAgentAsync).</summary>
public interface IWatchdogCallbacks
{
    ValueTask AlertAsync(AgentHealth health, CancellationToken cancellationToken);

    ValueTask PauseModelAccessAsync(AgentHealth health, CancellationToken cancellationToken);

    ValueTask StopContainerAsync(AgentHealth health, CancellationToken cancellationToken);
}
