using AgentGate.Sandbox.Watchdog;
using Microsoft.Extensions.Time.Testing;

namespace AgentGate.Sandbox.Tests.Watchdog;

public sealed class AgentWatchdogTests
{
    private sealed class Recorder : IWatchdogCallbacks
    {
        public List<string> Calls { get; } = [];
        public ValueTask AlertAsync(AgentHealth h, CancellationToken c) { Calls.Add($"alert:{h.Agent}:{h.State}"); return default; }
        public ValueTask PauseModelAccessAsync(AgentHealth h, CancellationToken c) { Calls.Add($"pause:{h.Agent}"); return default; }
        public ValueTask StopContainerAsync(AgentHealth h, CancellationToken c) { Calls.Add($"stop:{h.Agent}"); return default; }
    }

    private static (AgentWatchdog, FakeTimeProvider, Recorder) Create(Action<WatchdogOptions>? configure = null)
    {
        var options = new WatchdogOptions { StalledAfter = TimeSpan.FromMinutes(5), ZombieAfter = TimeSpan.FromMinutes(30) };
        configure?.Invoke(options);
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-02-11T14:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var recorder = new Recorder();
        var w = new AgentWatchdog(options, recorder, time);
        w.Register("f", "a1", "T-1");
        return (w, time, recorder);
    }

    [Fact]
    public async Task Evaluate_IdleThenActive_GoesStalledThenWorking()
    {
        var (w, time, rec) = Create();
        Assert.Equal(AgentState.Working, (await w.EvaluateAsync(default)).Single().State);
        time.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(AgentState.Stalled, (await w.EvaluateAsync(default)).Single().State);
        w.RecordActivity("f", "a1");
        Assert.Equal(AgentState.Working, (await w.EvaluateAsync(default)).Single().State);
        Assert.Equal(["alert:a1:Stalled"], rec.Calls);
    }

    [Fact]
    public async Task Evaluate_LongIdle_IsZombie_AndAlertsOncePerChange()
    {
        var (w, time, rec) = Create(o => o.Actions[AgentState.Zombie] = WatchdogActions.Alert | WatchdogActions.StopContainer);
        time.Advance(TimeSpan.FromMinutes(31));
        await w.EvaluateAsync(default);
        await w.EvaluateAsync(default);
        Assert.Equal(AgentState.Zombie, w.Snapshot().Single().State);
        Assert.Equal(["alert:a1:Zombie", "stop:a1"], rec.Calls);
    }

    [Fact]
    public async Task Evaluate_TaskTimeLimitExceededWhileActive_IsZombie()
    {
        var (w, time, _) = Create(o => o.TaskTimeLimit = TimeSpan.FromMinutes(10));
        time.Advance(TimeSpan.FromMinutes(11));
        w.RecordActivity("f", "a1");
        var h = (await w.EvaluateAsync(default)).Single();
        Assert.Equal(AgentState.Zombie, h.State);
        Assert.Contains("task ran longer", h.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_BudgetExhausted_IsOverBudgetAndPausesModelAccess()
    {
        var (w, _, rec) = Create();
        w.SetBudgetExhausted("f", "a1", true);
        Assert.Equal(AgentState.OverBudget, (await w.EvaluateAsync(default)).Single().State);
        Assert.Equal(["alert:a1:OverBudget", "pause:a1"], rec.Calls);
    }

    [Fact]
    public async Task Evaluate_BudgetReasonThenCleared_ReasonShownThenWorkingAgain()
    {
        var (w, _, _) = Create();
        w.SetBudgetExhausted("f", "a1", true, "budget exhausted: agent:a1:tokens spent 40 of 30 (day)");
        var over = (await w.EvaluateAsync(default)).Single();
        Assert.Equal((AgentState.OverBudget, "budget exhausted: agent:a1:tokens spent 40 of 30 (day)"), (over.State, over.Reason));
        w.SetBudgetExhausted("f", "a1", false, "ignored when not exhausted");
        var working = (await w.EvaluateAsync(default)).Single();
        Assert.Equal((AgentState.Working, false), (working.State, working.BudgetExhausted));
    }

    [Fact]
    public async Task Evaluate_ContainerDead_IsExitedEvenWhenOverBudget()
    {
        var (w, _, _) = Create();
        w.SetBudgetExhausted("f", "a1", true);
        w.SetContainerAlive("f", "a1", false);
        Assert.Equal(AgentState.Exited, (await w.EvaluateAsync(default)).Single().State);
    }

    [Fact]
    public void Constructor_ZombieNotLongerThanStalled_ThrowsNamingKeyAndValue()
    {
        var e = Assert.Throws<ArgumentException>(() => Create(o => o.ZombieAfter = TimeSpan.FromMinutes(1)));
        Assert.Contains("Watchdog:ZombieAfter: '00:01:00'", e.Message, StringComparison.Ordinal);
    }
}
