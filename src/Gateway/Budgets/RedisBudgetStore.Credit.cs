namespace AgentGate.Gateway.Budgets;

/// <summary>Replica credit plumbing: the sweep that hands old credit back, and returns before reads and disposal.</summary>
internal sealed partial class RedisBudgetStore
{
    private TimeSpan SweepPeriod => HoldOrDefault(creditHold);

    private long NowMs => time.GetUtcNow().ToUnixTimeMilliseconds();

    private static TimeSpan HoldOrDefault(TimeSpan hold) => hold > TimeSpan.Zero ? hold : TimeSpan.FromSeconds(1);

    private void StartSweep()
    {
        if (_sweep is null)
        {
            var timer = time.CreateTimer(static s => ((RedisBudgetStore)s!).Sweep(), this, SweepPeriod, SweepPeriod);
            if (Interlocked.CompareExchange(ref _sweep, timer, null) is not null)
            {
                timer.Dispose();
            }
        }
    }

    private void Sweep() => EnqueueAll(_credit!.TakeStale(NowMs));

    private void EnqueueAll(List<PendingSettlement> settlements)
    {
        foreach (var settlement in settlements)
        {
            Enqueue(settlement);
        }
    }

    /// <summary>Hands this replica's credit on <paramref name="keys"/> back, so a read of them is exact for it.</summary>
    private void ReturnCredit(IReadOnlyCollection<string> keys, long nowMs)
    {
        if (_credit is not null)
        {
            EnqueueAll(_credit.TakeKeys(keys, nowMs));
        }
    }

    private void ReturnAllCredit()
    {
        Unsubscribe();
        _sweep?.Dispose();
        if (_credit is not null)
        {
            EnqueueAll(_credit.TakeAll(NowMs));
        }
    }
}
