using System.Collections.Concurrent;

namespace AgentGate.Sandbox.Watchdog;

/// <summary>
/// Tracks every agent's liveness, gateway activity, task time and budget, classifies it, and runs the configured
/// actions once per state change. Inputs are method calls (the gateway feeds activity and budget; a poller feeds
/// container liveness); <see cref="EvaluateAsync"/> is called periodically.
/// </summary>
public sealed class AgentWatchdog
{
    private readonly ConcurrentDictionary<(string Fleet, string Agent), Entry> _agents = new();
    private readonly WatchdogOptions _options;
    private readonly IWatchdogCallbacks _callbacks;
    private readonly TimeProvider _time;

    public AgentWatchdog(WatchdogOptions options, IWatchdogCallbacks callbacks, TimeProvider time)
    {
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors), nameof(options));
        _options = options;
        _callbacks = callbacks;
        _time = time;
    }

    public void Register(string fleet, string agent, string task)
    {
        var now = _time.GetUtcNow();
        _agents[(fleet, agent)] = new Entry(task, now) { LastActivity = now, Alive = true };
    }

    public void Unregister(string fleet, string agent) => _agents.TryRemove((fleet, agent), out _);

    /// <summary>Called by the gateway for every call it handles for this agent.</summary>
    public void RecordActivity(string fleet, string agent)
    {
        if (_agents.TryGetValue((fleet, agent), out var e)) e.LastActivity = _time.GetUtcNow();
    }

    /// <summary>Marks an agent over budget (or not); <paramref name="reason"/> names the exhausted budget for the snapshot.</summary>
    public void SetBudgetExhausted(string fleet, string agent, bool exhausted, string? reason = null)
    {
        if (!_agents.TryGetValue((fleet, agent), out var e)) return;
        e.BudgetReason = exhausted ? reason ?? "budget exhausted" : null;
        e.BudgetExhausted = exhausted;
    }

    public void SetContainerAlive(string fleet, string agent, bool alive)
    {
        if (_agents.TryGetValue((fleet, agent), out var e)) e.Alive = alive;
    }

    /// <summary>Classifies every agent, runs actions for agents whose state changed, and returns the snapshot.</summary>
    public async Task<IReadOnlyList<AgentHealth>> EvaluateAsync(CancellationToken cancellationToken)
    {
        foreach (var ((fleet, agent), e) in _agents)
        {
            var health = Classify(fleet, agent, e);
            if (health.State == e.LastState) continue;
            e.LastState = health.State;
            var actions = _options.Actions.TryGetValue(health.State, out var a) ? a : WatchdogActions.None;
            if (actions.HasFlag(WatchdogActions.Alert)) await _callbacks.AlertAsync(health, cancellationToken).ConfigureAwait(false);
            if (actions.HasFlag(WatchdogActions.PauseModelAccess)) await _callbacks.PauseModelAccessAsync(health, cancellationToken).ConfigureAwait(false);
            if (actions.HasFlag(WatchdogActions.StopContainer)) await _callbacks.StopContainerAsync(health, cancellationToken).ConfigureAwait(false);
        }

        return Snapshot();
    }

    /// <summary>The current view without running actions, ordered by fleet then agent.</summary>
    public IReadOnlyList<AgentHealth> Snapshot() =>
        _agents.Select(kv => Classify(kv.Key.Fleet, kv.Key.Agent, kv.Value))
            .OrderBy(h => h.Fleet, StringComparer.Ordinal).ThenBy(h => h.Agent, StringComparer.Ordinal).ToList();

    private AgentHealth Classify(string fleet, string agent, Entry e)
    {
        var now = _time.GetUtcNow();
        var idle = now - e.LastActivity;
        var (state, reason) =
            !e.Alive ? (AgentState.Exited, "container is not running")
            : e.BudgetExhausted ? (AgentState.OverBudget, e.BudgetReason ?? "budget exhausted")
            : _options.TaskTimeLimit is { } limit && now - e.StartedAt > limit ? (AgentState.Zombie, $"task ran longer than {limit}")
            : idle >= _options.ZombieAfter ? (AgentState.Zombie, $"no gateway activity for {idle}")
            : idle >= _options.StalledAfter ? (AgentState.Stalled, $"no gateway activity for {idle}")
            : (AgentState.Working, "");
        return new AgentHealth(fleet, agent, e.Task, state, reason, e.StartedAt, e.LastActivity, e.Alive, e.BudgetExhausted);
    }

    private sealed class Entry(string task, DateTimeOffset startedAt)
    {
        public string Task { get; } = task;
        public DateTimeOffset StartedAt { get; } = startedAt;
        public DateTimeOffset LastActivity { get; set; }
        public bool Alive { get; set; }
        public bool BudgetExhausted { get; set; }
        public string? BudgetReason { get; set; }
        public AgentState LastState { get; set; } = AgentState.Working;
    }
}
