namespace AgentGate.Gateway.Budgets;

/// <summary>Shared accounting for pools and budgets. Every method is one atomic step; times are
/// Unix milliseconds from the caller's <see cref="TimeProvider"/>.</summary>
internal interface IBudgetStore
{
    /// <summary>Checks the backoff, the slot, every bucket and every budget, and reserves all or nothing.</summary>
    ValueTask<StoreDecision> ReserveAsync(ReservationPlan plan, long nowMs, CancellationToken cancellationToken);

    /// <summary>Applies the corrections of a finished call, frees its slot and extends the fleet backoff.</summary>
    ValueTask SettleAsync(SettlementPlan plan, long nowMs, CancellationToken cancellationToken);

    /// <summary>Current values of spend counters (0 when missing or expired).</summary>
    ValueTask<long[]> ReadCountersAsync(string[] keys, long nowMs, CancellationToken cancellationToken);

    /// <summary>Backoff-until (Unix ms, 0 when none) per key.</summary>
    ValueTask<long[]> ReadBackoffsAsync(string[] keys, long nowMs, CancellationToken cancellationToken);

    ValueTask<IReadOnlyDictionary<string, long>> ReadLimitOverridesAsync(CancellationToken cancellationToken);

    /// <summary>Sets an admin limit override; null removes it.</summary>
    ValueTask SetLimitOverrideAsync(string limitId, long? limit, CancellationToken cancellationToken);
}
