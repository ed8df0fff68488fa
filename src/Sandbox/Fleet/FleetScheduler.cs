namespace AgentGate.Sandbox.Fleet;

/// <summary>
/// Runs one job per agent with at most <c>parallelism</c> jobs in flight, in agent order. A job prepares (token,
/// container create, network attach — overlapping freely) and then starts through a <see cref="StartPacer"/>, so
/// starts stay spaced by the stagger. With <c>stopOnFailure</c> the first failure stops jobs that have not begun;
/// jobs already in flight always finish, so the run never returns while a container is still being created.
/// </summary>
internal sealed class FleetScheduler
{
    private readonly int _parallelism;
    private readonly TimeSpan _stagger;
    private readonly bool _stopOnFailure;
    private readonly TimeProvider _time;

    public FleetScheduler(int parallelism, TimeSpan stagger, bool stopOnFailure, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        _parallelism = parallelism;
        _stagger = stagger;
        _stopOnFailure = stopOnFailure;
        _time = time;
    }

    /// <summary>Runs jobs without a start phase (teardown).</summary>
    public Task<JobOutcome[]> RunAsync(int count, Func<int, CancellationToken, Task> job, CancellationToken cancellationToken) =>
        RunAsync(count, async (i, ct) => { await job(i, ct).ConfigureAwait(false); return true; }, static (_, _, _) => Task.CompletedTask, cancellationToken);

    /// <summary>Runs <paramref name="count"/> jobs; never throws for a job's failure — each outcome says how it ended.</summary>
    public async Task<JobOutcome[]> RunAsync<TPrepared>(
        int count,
        Func<int, CancellationToken, Task<TPrepared>> prepare,
        Func<int, TPrepared, CancellationToken, Task> start,
        CancellationToken cancellationToken)
    {
        var outcomes = new JobOutcome[count];
        var pacer = new StartPacer(count, _stagger, _time);
        using var slots = new SemaphoreSlim(_parallelism);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var running = new List<Task>(count);
        for (var i = 0; i < count; i++)
        {
            try
            {
                await slots.WaitAsync(stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            running.Add(RunOneAsync(i, prepare, start, pacer, slots, stop, outcomes, cancellationToken));
        }

        await Task.WhenAll(running).ConfigureAwait(false);
        return outcomes;
    }

    private async Task RunOneAsync<TPrepared>(
        int index,
        Func<int, CancellationToken, Task<TPrepared>> prepare,
        Func<int, TPrepared, CancellationToken, Task> start,
        StartPacer pacer,
        SemaphoreSlim slots,
        CancellationTokenSource stop,
        JobOutcome[] outcomes,
        CancellationToken cancellationToken)
    {
        try
        {
            if (stop.IsCancellationRequested) return;
            // Engine and token calls get the caller's token, not the stop token: a call in flight finishes, so
            // whatever it created carries its labels and teardown finds it.
            var prepared = await prepare(index, cancellationToken).ConfigureAwait(false);
            await pacer.StartAsync(index, ct => start(index, prepared, ct), stop.Token, cancellationToken).ConfigureAwait(false);
            outcomes[index] = new JobOutcome(JobState.Done, null);
        }
        catch (OperationCanceledException e) when (e.CancellationToken == stop.Token && !cancellationToken.IsCancellationRequested)
        {
            // Stopped while waiting for its start turn because another job failed: prepared, never started.
        }
        catch (Exception e)
        {
            outcomes[index] = new JobOutcome(JobState.Failed, e);
            if (_stopOnFailure) await stop.CancelAsync().ConfigureAwait(false);
        }
        finally
        {
            pacer.Skip(index);
            slots.Release();
        }
    }
}
