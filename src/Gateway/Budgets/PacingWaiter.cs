namespace AgentGate.Gateway.Budgets;

/// <summary>A request waiting in a provider's fair queue; completed exactly once (admitted, rejected, cancelled).</summary>
internal sealed class PacingWaiter(AdmissionRequest request, int priority, long enqueuedTimestamp)
{
    private readonly TaskCompletionSource<AdmissionResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public AdmissionRequest Request => request;

    public int Priority => priority;

    public long EnqueuedTimestamp => enqueuedTimestamp;

    /// <summary>The store's latest retry hint for this waiter.</summary>
    public long LastRetryAfterMs { get; set; } = 1000;

    public string LastLimit { get; set; } = "rpm";

    public ITimer? Timeout { get; set; }

    public CancellationTokenRegistration Cancellation { get; set; }

    public Task<AdmissionResult> Task => _completion.Task;

    public bool IsCompleted => _completion.Task.IsCompleted;

    public bool TryComplete(AdmissionResult result)
    {
        if (!_completion.TrySetResult(result))
        {
            return false;
        }

        Release();
        return true;
    }

    public bool TryCancel(CancellationToken cancellationToken)
    {
        if (!_completion.TrySetCanceled(cancellationToken))
        {
            return false;
        }

        Release();
        return true;
    }

    public void Fail(Exception exception)
    {
        if (_completion.TrySetException(exception))
        {
            Release();
        }
    }

    private void Release()
    {
        Timeout?.Dispose();
        Cancellation.Dispose();
    }
}
