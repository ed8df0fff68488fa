namespace AgentGate.Gateway.Budgets;

/// <summary>
/// A reservation that credit could not cover: <see cref="Remote"/> holds the uncovered buckets and budgets
/// (and the slot when none was free) and zero-amount top-ups of those running low, with
/// <see cref="Extras"/> asked on top; the covered ones were already taken from credit and are put back if
/// Redis refuses.
/// </summary>
internal sealed class CreditFetch
{
    public required ReservationPlan Plan { get; init; }

    public required ReservationPlan Remote { get; init; }

    /// <summary>How credit covered each of the plan's buckets and budgets (Missing ones were not taken from it).</summary>
    public required CreditCover[] BucketCover { get; init; }

    public required CreditCover[] BudgetCover { get; init; }

    /// <summary>Original index of each remote bucket, then of each remote budget.</summary>
    public required int[] BucketIndex { get; init; }

    public required int[] BudgetIndex { get; init; }

    /// <summary>Extra asked per remote bucket, then per remote budget.</summary>
    public required long[] Extras { get; init; }

    public required int ExtraSlots { get; init; }

    /// <summary>Credit handed back ahead of the reservation (stale or too small to cover this call).</summary>
    public required List<PendingSettlement> Returns { get; init; }

    /// <summary>The slot taken from credit, when one was free.</summary>
    public CreditSlot? LocalSlot { get; init; }
}
