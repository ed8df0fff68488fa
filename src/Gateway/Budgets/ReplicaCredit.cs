namespace AgentGate.Gateway.Budgets;

/// <summary>
/// Replica credit for <see cref="RedisBudgetStore"/>: when a reservation goes to Redis it asks for up to
/// <c>calls - 1</c> more calls' worth of every bucket, budget and concurrency slot it touches; what Redis
/// grants (never more than 1% of a limit or 1/(2 × replicas) of what is left, so credit only exists far
/// from every limit) is already counted there, and this replica admits later calls from it without a round
/// trip. Settlements refund into credit; credit older than the hold goes back to Redis (a timer), as does
/// every credit on reads and disposal. All state is behind one lock; nothing here does I/O.
/// </summary>
internal sealed partial class ReplicaCredit(int calls, TimeSpan hold, int replicas, string unusedKey)
{
    /// <summary>Grant time of an entry that must not be used (returned at the next sweep).</summary>
    public const long Stale = long.MinValue / 4;

    private readonly long _holdMs = (long)hold.TotalMilliseconds;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, CreditEntry> _credits = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Stack<CreditSlot>> _freeSlots = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CreditSlot> _held = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _backoffs = new(StringComparer.Ordinal);

    public int Share => 2 * replicas;

    /// <summary>
    /// Answers from credit, or prepares this caller's fetch. Callers that miss at the same time each fetch
    /// (no waiting on another's fetch, which would reorder them against the fair queue); the extra credit
    /// they bring is used by the next calls or given back.
    /// </summary>
    public CreditStep TryTake(ReservationPlan plan, long nowMs)
    {
        lock (_lock)
        {
            if (_backoffs.TryGetValue(plan.BackoffKey, out var until) && until > nowMs)
            {
                return new CreditStep(new StoreDecision(StoreOutcome.RateLimited, 0, until - nowMs, 0, 0, false), null, []);
            }

            var returns = new List<PendingSettlement>();
            var slot = plan.MaxConcurrent > 0 ? FreeSlot(plan.ConcurrencyKey, nowMs, plan.LeaseExpiryMs - nowMs, returns) : null;
            var buckets = Coverage(plan.Buckets, nowMs, static b => (b.Key, b.Amount));
            var budgets = Coverage(plan.Budgets, nowMs, static g => (g.Key, g.Amount));
            if ((plan.MaxConcurrent == 0 || slot is not null) && !buckets.Contains(CreditCover.Missing) && !budgets.Contains(CreditCover.Missing))
            {
                Take(plan, slot, buckets, budgets);
                return new CreditStep(StoreDecision.Reserved(false), null, returns);
            }

            return new CreditStep(null, Prepare(plan, nowMs, slot, buckets, budgets, returns), returns);
        }
    }
}
