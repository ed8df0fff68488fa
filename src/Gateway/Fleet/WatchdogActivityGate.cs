using AgentGate.Gateway.Proxy;
using AgentGate.Sandbox.Watchdog;

namespace AgentGate.Gateway.Fleet;

/// <summary>A model-call gate: records gateway activity for sandboxed agents and refuses agents the watchdog paused.</summary>
internal sealed class WatchdogActivityGate(AgentWatchdog watchdog, FleetAgentIndex index) : ICallGate
{
    public ValueTask<GateResult> BeforeAsync(LlmCall call, CancellationToken cancellationToken)
    {
        foreach (var fleet in index.FleetsOf(call.Agent.Id)) watchdog.RecordActivity(fleet, call.Agent.Id);
        return index.PausedReason(call.Agent.Id) is { } reason
            ? ValueTask.FromResult(GateResult.Deny(403, "agent_paused", $"model access is paused by the watchdog: {reason}", "watchdog"))
            : ValueTask.FromResult(GateResult.Allow);
    }

    public ValueTask AfterAsync(LlmCall call, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
