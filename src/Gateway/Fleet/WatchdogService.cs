using AgentGate.Sandbox.Fleet;
using AgentGate.Sandbox.Runtime;
using AgentGate.Sandbox.Watchdog;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AgentGate.Gateway.Fleet;

/// <summary>
/// Every interval: reads the sandboxed containers from dockerd (registering new agents, marking dead ones, forgetting
/// removed ones), marks agents whose budget is used up, and runs <see cref="AgentWatchdog.EvaluateAsync"/>. Without a
/// reachable dockerd it keeps evaluating what it knows, which is nothing, so the snapshot stays empty.
/// </summary>
internal sealed partial class WatchdogService(
    AgentWatchdog watchdog, FleetAgentIndex index, IContainerRuntime runtime, BudgetExhaustionProbe budgets, WatchdogSettings settings,
    TimeProvider time, ILogger<WatchdogService> logger)
    : BackgroundService
{
    private bool _dockerWarned;
    private bool _budgetWarned;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.Interval, time);
        do
        {
            // WaitAsync: a Docker call that ignores cancellation must not hold the gateway's shutdown.
            await TickAsync(stoppingToken).WaitAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    internal async Task TickAsync(CancellationToken cancellationToken)
    {
        try
        {
            await SyncAsync(cancellationToken);
            _dockerWarned = false;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            if (!_dockerWarned) LogDockerUnavailable(logger, ex.GetBaseException().Message);
            _dockerWarned = true;
        }

        await SyncBudgetsAsync(cancellationToken);
        IReadOnlyList<AgentHealth> snapshot;
        try
        {
            snapshot = await watchdog.EvaluateAsync(cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogActionFailed(logger, ex.GetBaseException().Message);
            snapshot = watchdog.Snapshot();
        }

        foreach (var health in snapshot)
        {
            if (health.State != AgentState.OverBudget) index.Resume(health.Fleet, health.Agent);
        }
    }

    private async Task SyncAsync(CancellationToken cancellationToken)
    {
        var labels = new Dictionary<string, string> { [SandboxLabels.Managed] = "true" };
        var containers = await runtime.ListContainersAsync(labels, cancellationToken);
        var seen = new HashSet<(string Fleet, string Agent)>();
        var known = watchdog.Snapshot().Select(h => (h.Fleet, h.Agent)).ToHashSet();
        foreach (var c in containers)
        {
            var fleet = c.Labels.GetValueOrDefault(SandboxLabels.Fleet, "");
            var agent = c.Labels.GetValueOrDefault(SandboxLabels.Agent, "");
            if (fleet.Length == 0 || agent.Length == 0 || !seen.Add((fleet, agent))) continue;
            if (!known.Contains((fleet, agent))) watchdog.Register(fleet, agent, c.Labels.GetValueOrDefault(SandboxLabels.Task, ""));
            watchdog.SetContainerAlive(fleet, agent, c.Running);
        }

        foreach (var gone in known.Where(k => !seen.Contains(k)))
        {
            watchdog.Unregister(gone.Fleet, gone.Agent);
            index.Resume(gone.Fleet, gone.Agent);
        }

        index.Replace(seen);
    }

    private async Task SyncBudgetsAsync(CancellationToken cancellationToken)
    {
        try
        {
            var exhausted = await budgets.ExhaustedAsync(cancellationToken);
            foreach (var agent in watchdog.Snapshot())
            {
                var reason = BudgetExhaustionProbe.ReasonFor(exhausted, agent.Agent, agent.Task);
                watchdog.SetBudgetExhausted(agent.Fleet, agent.Agent, reason is not null, reason);
            }

            _budgetWarned = false;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // A budget store that cannot be read leaves the last known budget state in place.
            if (!_budgetWarned) LogBudgetsUnavailable(logger, ex.GetBaseException().Message);
            _budgetWarned = true;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "watchdog: budgets cannot be read ({Reason}); over_budget states keep their last value")]
    private static partial void LogBudgetsUnavailable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "watchdog: dockerd is not reachable ({Reason}); the agent snapshot stays empty until it is")]
    private static partial void LogDockerUnavailable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "watchdog: an action failed: {Reason}")]
    private static partial void LogActionFailed(ILogger logger, string reason);
}
