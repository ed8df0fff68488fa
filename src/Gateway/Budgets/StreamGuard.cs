using AgentGate.Gateway.Proxy;

namespace AgentGate.Gateway.Budgets;

/// <summary>
/// The budget watch of one streamed answer. Output is estimated from the streamed deltas; while it stays
/// within the call's reserved output nothing happens (no store traffic). Past it, the guard reserves more
/// against the call's budgets in steps; when a budget cannot take the next step the stream must end with
/// a final error event. The stop is recorded on the call: error type (audit reason), metric, and the
/// estimated output as the call's output tokens, since the upstream's final usage never arrives. After a
/// limit change (<see cref="BudgetLimitSignal"/>) the call's budgets are checked again at the next event,
/// so a limit lowered below what is already spent stops running streams too.
/// </summary>
internal sealed class StreamGuard(LlmCall call, BudgetReservation reservation, BudgetAdmission admission, BudgetMetrics metrics)
{
    private const long MinStep = 256;
    private long _allowance = reservation.ReservedOutputTokens;
    private bool _tight;
    private int _limitsSeen = admission.Limits.Version;

    public long EstimatedOutputTokens { get; private set; }

    public BudgetRejection? Rejection { get; private set; }

    public Config.ProviderType ProviderType => call.Provider.Type;

    /// <summary>Counts streamed output; returns the rejection when the stream must stop, else null.</summary>
    public async ValueTask<BudgetRejection?> AddOutputAsync(long tokens, CancellationToken cancellationToken)
    {
        EstimatedOutputTokens += tokens;
        if (Rejection is not null)
        {
            return Rejection;
        }

        var limits = admission.Limits.Version;
        if (limits != _limitsSeen)
        {
            // A limit changed while this call streams: its budgets are checked again now (an extension by nothing).
            _limitsSeen = limits;
            if (await admission.ExtendAsync(reservation, 0, cancellationToken).ConfigureAwait(false) is { } lowered)
            {
                return Stop(lowered);
            }
        }

        if (EstimatedOutputTokens <= _allowance)
        {
            return null;
        }

        var needed = EstimatedOutputTokens - _allowance;
        var step = _tight ? needed : Math.Max(needed, MinStep);
        var rejection = await admission.ExtendAsync(reservation, step, cancellationToken).ConfigureAwait(false);
        if (rejection is not null && step > needed)
        {
            // The bigger step did not fit; what was already streamed might. Near the limit, reserve only what streamed.
            _tight = true;
            step = needed;
            rejection = await admission.ExtendAsync(reservation, step, cancellationToken).ConfigureAwait(false);
        }

        if (rejection is null)
        {
            _allowance += step;
            return null;
        }

        return Stop(rejection);
    }

    private BudgetRejection Stop(BudgetRejection rejection)
    {
        Rejection = rejection;
        call.ErrorType = BudgetErrorTypes.BudgetExceeded;
        call.Usage.OutputTokens = Math.Max(call.Usage.OutputTokens ?? 0, EstimatedOutputTokens);
        metrics.StreamStopped(reservation.Request, rejection);
        return rejection;
    }
}
