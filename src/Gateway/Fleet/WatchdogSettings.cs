using AgentGate.Sandbox.Watchdog;

namespace AgentGate.Gateway.Fleet;

/// <summary><c>AgentGate:Watchdog</c>: the watchdog's thresholds and actions plus how often it evaluates and polls dockerd.</summary>
internal sealed class WatchdogSettings
{
    public const string SectionName = "AgentGate:Watchdog";

    public TimeSpan StalledAfter { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan ZombieAfter { get; set; } = TimeSpan.FromMinutes(30);

    public TimeSpan? TaskTimeLimit { get; set; }

    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>State → actions, e.g. <c>"Stalled": "Alert"</c>, <c>"Zombie": "Alert, StopContainer"</c>; unset states keep the defaults.</summary>
    public Dictionary<AgentState, WatchdogActions> Actions { get; } = [];

    public WatchdogOptions ToOptions()
    {
        var options = new WatchdogOptions { StalledAfter = StalledAfter, ZombieAfter = ZombieAfter, TaskTimeLimit = TaskTimeLimit };
        foreach (var (state, actions) in Actions) options.Actions[state] = actions;
        var errors = options.Validate().ToList();
        if (Interval <= TimeSpan.Zero) errors.Add($"Watchdog:Interval: '{Interval}' must be positive");
        return errors.Count > 0 ? throw new InvalidOperationException("invalid " + SectionName + ": " + string.Join("; ", errors)) : options;
    }
}
