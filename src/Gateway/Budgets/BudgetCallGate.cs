using AgentGate.Gateway.Proxy;

namespace AgentGate.Gateway.Budgets;

/// <summary>
/// The model-call gate of the shared budget: reserves the call's estimated cost against every pool and
/// budget before forwarding (waiting in the fair queue when a pool is full), and settles with the real
/// usage afterwards — also when a later gate denied or the upstream failed, so nothing stays reserved.
/// </summary>
internal sealed class BudgetCallGate(BudgetAdmission admission) : ICallGate
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
