using System.Collections.Concurrent;
using AgentGate.Sandbox.Fleet;
using Microsoft.Extensions.Time.Testing;

namespace AgentGate.Sandbox.Tests.Fleet;

public sealed class FleetSchedulerTests
{
    private static readonly TimeSpan Deadline = Poll.Deadline;

    [Fact]
    public async Task RunAsync_TenJobsParallelismThree_NeverMoreThanThreeInFlight()
    {
        var scheduler = new FleetScheduler(3, TimeSpan.Zero, stopOnFailure: false, TimeProvider.System);
        var gates = Enumerable.Range(0, 10).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        int inFlight = 0, max = 0, begun = 0;
        var run = scheduler.RunAsync(10, async (i, _) =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref max, now);
            Interlocked.Increment(ref begun);
            await gates[i].Task;
            Interlocked.Decrement(ref inFlight);
        }, default);

        for (var i = 0; i < 10; i++)
        {
            // Jobs take slots in order: before job i ends, exactly jobs 0..i+2 have begun.
            await Poll.UntilAsync(() => Volatile.Read(ref begun) >= Math.Min(i + 3, 10));
            Assert.Equal(Math.Min(i + 3, 10), Volatile.Read(ref begun));
            Assert.True(Volatile.Read(ref inFlight) <= 3, $"{inFlight} jobs in flight");
            gates[i].SetResult();
        }

        var outcomes = await run.WaitAsync(Deadline);
        Assert.All(outcomes, o => Assert.Equal(JobState.Done, o.State));
        Assert.Equal(3, max);
    }

    [Fact]
    public async Task RunAsync_StaggerWithParallelism_PreparesOverlapAndStartsAreSpacedInOrder()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-23T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var t0 = time.GetUtcNow();
        var stagger = TimeSpan.FromSeconds(2);
        var scheduler = new FleetScheduler(4, stagger, stopOnFailure: true, time);
        var prepared = new ConcurrentBag<DateTimeOffset>();
        var starts = new ConcurrentQueue<(int Index, DateTimeOffset At)>();
        var run = scheduler.RunAsync(
            4,
            (i, _) => { prepared.Add(time.GetUtcNow()); return Task.FromResult(i); },
            (i, _, _) => { starts.Enqueue((i, time.GetUtcNow())); return Task.CompletedTask; },
            default);

        var deadline = DateTime.UtcNow + Deadline;
        while (!run.IsCompleted && DateTime.UtcNow < deadline)
        {
            time.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Delay(2);
        }

        Assert.All(await run.WaitAsync(Deadline), o => Assert.Equal(JobState.Done, o.State));
        Assert.All(prepared, at => Assert.Equal(t0, at));
        var list = starts.ToList();
        Assert.Equal([0, 1, 2, 3], list.Select(s => s.Index));
        Assert.Equal(t0, list[0].At);
        for (var i = 1; i < list.Count; i++)
            Assert.True(list[i].At - list[i - 1].At >= stagger, $"start {i} came {list[i].At - list[i - 1].At} after start {i - 1}");
    }

    [Fact]
    public async Task RunAsync_FailureWithStopOnFailure_LaterJobsNotRunAndInFlightJobsFinish()
    {
        var scheduler = new FleetScheduler(2, TimeSpan.Zero, stopOnFailure: true, TimeProvider.System);
        var job0 = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var preparedJobs = new ConcurrentBag<int>();
        var started = new ConcurrentBag<int>();
        var run = scheduler.RunAsync(
            6,
            async (i, _) =>
            {
                preparedJobs.Add(i);
                if (i == 0) await job0.Task;
                if (i == 1) throw new InvalidOperationException("no such image");
                return i;
            },
            (i, _, _) => { started.Add(i); return Task.CompletedTask; },
            default);

        await Poll.UntilAsync(() => preparedJobs.Contains(1));
        Assert.False(run.IsCompleted, "the run must wait for job 0, still in flight");
        job0.SetResult();
        var outcomes = await run.WaitAsync(Deadline);

        Assert.Equal(JobState.Done, outcomes[0].State);
        Assert.Equal(JobState.Failed, outcomes[1].State);
        Assert.Equal("no such image", outcomes[1].Error!.Message);
        Assert.All(outcomes[2..], o => Assert.Equal(JobState.NotRun, o.State));
        Assert.Equal([0, 1], preparedJobs.Order());
        Assert.Equal([0], started);
    }

    [Fact]
    public async Task RunAsync_FailureWhileOthersWaitForTheirStartTurn_WaitersDoNotStart()
    {
        var time = new FakeTimeProvider();
        var scheduler = new FleetScheduler(3, TimeSpan.FromSeconds(1), stopOnFailure: true, time);
        var failNow = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new ConcurrentBag<int>();
        var run = scheduler.RunAsync(
            5,
            async (i, _) =>
            {
                if (i == 2)
                {
                    await failNow.Task;
                    throw new InvalidOperationException("create failed");
                }

                return i;
            },
            (i, _, _) => { started.Add(i); return Task.CompletedTask; },
            default);

        // Job 0 starts at once; job 1 waits a stagger that never elapses (the fake clock does not move).
        await Poll.UntilAsync(() => started.Contains(0));
        failNow.SetResult();
        var outcomes = await run.WaitAsync(Deadline);

        Assert.Equal([JobState.Done, JobState.NotRun, JobState.Failed, JobState.NotRun, JobState.NotRun], outcomes.Select(o => o.State));
        Assert.Equal([0], started);
    }

    [Fact]
    public void Constructor_ParallelismZero_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new FleetScheduler(0, TimeSpan.Zero, stopOnFailure: false, TimeProvider.System));

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
