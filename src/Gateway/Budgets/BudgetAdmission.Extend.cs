namespace AgentGate.Gateway.Budgets;

/// <summary>Mid-stream extension: a stream that outruns its reserved output reserves more as it goes.</summary>
internal sealed partial class BudgetAdmission
{
    /// <summary>
    /// Reserves <paramref name="outputTokens"/> more output (and its price) for a running call against its
    /// budgets, in one store step. Returns the rejection when a budget cannot take it — the stream must stop.
    /// </summary>
    public async ValueTask<BudgetRejection?> ExtendAsync(BudgetReservation reservation, long outputTokens, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var plan = planner.Extend(reservation, outputTokens, out var costMicros);
        var decision = await store.ReserveAsync(plan, now.ToUnixTimeMilliseconds(), cancellationToken).ConfigureAwait(false);
        switch (decision.Outcome)
        {
            case StoreOutcome.Reserved:
                reservation.ExtraTokens += outputTokens;
                reservation.ExtraCostMicros += costMicros;
                return null;
            case StoreOutcome.BudgetExceeded:
                var rejection = BudgetMessages.Exceeded(plan.Budgets[decision.Index - 1], decision.Spent, decision.Limit);
                Log.BudgetExceeded(logger, rejection.Rule, rejection.Message);
                return rejection;
            default:
                // Budgets only, so nothing can rate-limit it; settlement charges the real usage either way.
                return null;
        }
    }
}
