namespace AgentGate.Sandbox.Watchdog;

/// <summary>Thresholds and the action per state.</summary>
public sealed class WatchdogOptions
{
    /// <summary>No gateway activity for this long while alive → stalled.</summary>
    public TimeSpan StalledAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>No gateway activity for this long while alive, or past <see cref="TaskTimeLimit"/> → zombie.</summary>
    public TimeSpan ZombieAfter { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long a task may run in total; null = unbounded.</summary>
    public TimeSpan? TaskTimeLimit { get; set; }

    public IDictionary<AgentState, WatchdogActions> Actions { get; } = new Dictionary<AgentState, WatchdogActions>
    {
        [AgentState.Stalled] = WatchdogActions.Alert,
        [AgentState.Zombie] = WatchdogActions.Alert,
        [AgentState.OverBudget] = WatchdogActions.Alert | WatchdogActions.PauseModelAccess,
        [AgentState.Exited] = WatchdogActions.Alert,
    };

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (StalledAfter <= TimeSpan.Zero) errors.Add($"Watchdog:StalledAfter: '{StalledAfter}' must be positive");
        if (ZombieAfter <= StalledAfter) errors.Add($"Watchdog:ZombieAfter: '{ZombieAfter}' must be longer than StalledAfter '{StalledAfter}'");
        if (TaskTimeLimit is { } t && t <= TimeSpan.Zero) errors.Add($"Watchdog:TaskTimeLimit: '{t}' must be positive");
        return errors;
    }
}
