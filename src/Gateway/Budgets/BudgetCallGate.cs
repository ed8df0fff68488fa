using AgentGate.Gateway.Proxy;
using Microsoft.Extensions.Options;

namespace AgentGate.Gateway.Budgets;

/// <summary>
/// The model-call gate of the shared budget: reserves the call's estimated cost against every pool and
/// budget before forwarding (waiting in the fair queue when a pool is full), and settles with the real
/// usage afterwards — also when a later gate denied or the upstream failed, so nothing stays reserved.
/// Between the two, <see cref="UpstreamRetryHandler"/> swaps the reservation on a transparent retry and
/// meters a streamed answer through <see cref="StreamGuard"/>.
/// </summary>
internal sealed class BudgetCallGate(BudgetAdmission admission, BudgetMetrics metrics, IOptions<BudgetOptions> options) : ICallGate
{
    private const string ReservationItem = "budget.reservation";

    public async ValueTask<GateResult> BeforeAsync(LlmCall call, CancellationToken cancellationToken)
    {
        var (estimatedInput, estimatedOutput) = TokenEstimator.Estimate(call.RequestBody.Span);
        var result = await admission.AdmitAsync(new AdmissionRequest
        {
            Provider = call.Provider.Name,
            Agent = call.Agent.Id,
            Role = call.Agent.Role,
            Task = call.Task ?? string.Empty,
            Session = call.Session,
            Model = call.Model ?? "unknown",
            EstimatedInputTokens = estimatedInput,
            MaxOutputTokens = call.MaxTokens ?? estimatedOutput,
        }, cancellationToken);
        if (!result.IsAdmitted)
        {
            var r = result.Rejection;
            return GateResult.Deny(BudgetRejection.StatusCode, r.Type, r.Message, r.Rule, r.RetryAfter);
        }

        call.Items[ReservationItem] = result.Reservation;
        return GateResult.Allow;
    }

    /// <summary>
    /// Before a transparent retry: settles the failed attempt (which sets the fleet backoff from the
    /// upstream's retry-after) and admits the call again, so the retry waits for the shared backoff and
    /// takes its turn in the fair queue, at most <see cref="BudgetOptions.MaxRetryDelay"/> (or
    /// <paramref name="maxWait"/> when shorter). False when it was not admitted in time (or a budget ran
    /// out): the agent then gets the upstream answer.
    /// </summary>
    public async ValueTask<bool> ReadmitAsync(LlmCall call, int upstreamStatus, TimeSpan? retryAfter, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        if (call.Items.GetValueOrDefault(ReservationItem) is not BudgetReservation reservation)
        {
            return false;
        }

        call.Items.Remove(ReservationItem);
        await admission.SettleAsync(reservation, 0, 0, 0, upstreamStatus, retryAfter, CancellationToken.None).ConfigureAwait(false);
        var wait = maxWait < options.Value.MaxRetryDelay ? maxWait : options.Value.MaxRetryDelay;
        var result = await admission.AdmitAsync(reservation.Request, wait, cancellationToken).ConfigureAwait(false);
        if (!result.IsAdmitted)
        {
            return false;
        }

        call.Items[ReservationItem] = result.Reservation;
        metrics.Retried(reservation.Request.Provider, reservation.Request.Agent, upstreamStatus);
        return true;
    }

    /// <summary>The budget watch for the call's streamed answer; null when the call holds no reservation.</summary>
    public StreamGuard? StreamGuard(LlmCall call)
    {
        if (call.Items.GetValueOrDefault(ReservationItem) is not BudgetReservation reservation)
        {
            return null;
        }

        return new StreamGuard(call, reservation, admission, metrics);
    }

    public async ValueTask AfterAsync(LlmCall call, CancellationToken cancellationToken)
    {
        if (call.Items.GetValueOrDefault(ReservationItem) is not BudgetReservation reservation)
        {
            return;
        }

        var usage = call.Usage;
        var settled = await admission.SettleAsync(
            reservation,
            usage.InputTokens ?? 0,
            usage.OutputTokens ?? 0,
            usage.CacheReadInputTokens ?? 0,
            call.UpstreamStatus ?? 0,
            call.UpstreamRetryAfter,
            cancellationToken);
        if (call.UpstreamStatus is not null)
        {
            call.Items[CallAudit.CostItem] = settled.CostUsd;
        }

        if (settled.Context is { Flagged: true })
        {
            call.Items[CallAudit.ContextWarningItem] = true;
        }
    }
}
