namespace AgentGate.Sandbox.Fleet;

/// <summary>
/// Spaces the start phases of a run: with a stagger, starts run one at a time in job order and each is issued at
/// least the stagger after the previous one returned, so the engine's start times (which fall inside the call) are
/// spaced by at least the stagger too. Without a stagger starts are not paced at all.
/// </summary>
internal sealed class StartPacer
{
    private readonly TimeSpan _stagger;
    private readonly TimeProvider _time;
    private readonly TaskCompletionSource[] _finished;
    private long _lastStartEnded = -1;

    public StartPacer(int count, TimeSpan stagger, TimeProvider time)
    {
        _stagger = stagger;
        _time = time;
        _finished = new TaskCompletionSource[count];
        for (var i = 0; i < count; i++) _finished[i] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Runs job <paramref name="index"/>'s start when its turn comes; waiting gives up on <paramref name="waitCancellation"/>.</summary>
    public async Task StartAsync(int index, Func<CancellationToken, Task> start, CancellationToken waitCancellation, CancellationToken cancellationToken)
    {
        if (_stagger <= TimeSpan.Zero)
        {
            await start(cancellationToken).ConfigureAwait(false);
            return;
        }

        try
        {
            if (index > 0) await _finished[index - 1].Task.WaitAsync(waitCancellation).ConfigureAwait(false);
            if (_lastStartEnded >= 0 && _stagger - _time.GetElapsedTime(_lastStartEnded) is var remaining && remaining > TimeSpan.Zero)
                await Task.Delay(remaining, _time, waitCancellation).ConfigureAwait(false);
            try
            {
                await start(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                // A failed start may still have started the process: it counts for the spacing.
                _lastStartEnded = _time.GetTimestamp();
            }
        }
        finally
        {
            Skip(index);
        }
    }

    /// <summary>
    /// Job <paramref name="index"/> is done with starting (or will never start): its turn passes on once every earlier
    /// job's has, so starts stay one at a time even when a job fails before its turn.
    /// </summary>
    public void Skip(int index)
    {
        if (index == 0)
        {
            _finished[0].TrySetResult();
            return;
        }

        _finished[index - 1].Task.ContinueWith(
            static (_, state) => ((TaskCompletionSource)state!).TrySetResult(), _finished[index],
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}
