namespace AgentGate.Gateway.Budgets;

/// <summary>Taking credit and preparing a fetch (called under the lock).</summary>
internal sealed partial class ReplicaCredit
{
    private bool Fresh(long grantedAtMs, long nowMs) => nowMs - grantedAtMs < _holdMs;

    /// <summary>A free slot freed within the hold and with at least half of a new lease left in Redis
    /// (so a call on it is not cut short by the concurrency set's expiry); older ones go back.</summary>
    private CreditSlot? FreeSlot(string key, long nowMs, long leaseMs, List<PendingSettlement> returns)
    {
        if (!_freeSlots.TryGetValue(key, out var free))
        {
            return null;
        }

        while (free.TryPop(out var slot))
        {
            if (Fresh(slot.FreedAtMs, nowMs) && slot.ExpiresAtMs - nowMs >= leaseMs / 2)
            {
                return slot;
            }

            returns.Add(new PendingSettlement(Release(slot), nowMs));
        }

        return null;
    }

    private Stack<CreditSlot> Free(string key)
    {
        if (!_freeSlots.TryGetValue(key, out var free))
        {
            free = new Stack<CreditSlot>();
            _freeSlots[key] = free;
        }

        return free;
    }

    /// <summary>Per charge: credit does not cover it (Missing), covers it but runs low after it (Low: under
    /// calls/2 more), or covers it comfortably (Full).</summary>
    private CreditCover[] Coverage<T>(T[] charges, long nowMs, Func<T, (string Key, long Amount)> of)
    {
        var low = Math.Max(1, calls / 2);
        var cover = new CreditCover[charges.Length];
        for (var i = 0; i < charges.Length; i++)
        {
            var (key, amount) = of(charges[i]);
            cover[i] = !_credits.TryGetValue(key, out var entry) || !Fresh(entry.GrantedAtMs, nowMs) || entry.Amount < amount
                ? CreditCover.Missing
                : entry.Amount - amount < amount * low ? CreditCover.Low : CreditCover.Full;
        }

        return cover;
    }

    /// <summary>Takes the covered charges (and the slot) from credit.</summary>
    private void Take(ReservationPlan plan, CreditSlot? slot, CreditCover[] buckets, CreditCover[] budgets)
    {
        for (var i = 0; i < plan.Buckets.Length; i++)
        {
            if (buckets[i] != CreditCover.Missing)
            {
                _credits[plan.Buckets[i].Key].Amount -= plan.Buckets[i].Amount;
            }
        }

        for (var j = 0; j < plan.Budgets.Length; j++)
        {
            if (budgets[j] != CreditCover.Missing)
            {
                _credits[plan.Budgets[j].Key].Amount -= plan.Budgets[j].Amount;
            }
        }

        if (slot is { } s)
        {
            _held[plan.LeaseId] = s;
        }
    }

    /// <summary>
    /// The fetch for a call credit cannot cover: Missing charges go to Redis whole (their leftover credit
    /// handed back in the same command), Low ones are taken from credit and topped up (amount 0 plus the
    /// extra), so every key's refill rides on one fetch; each asks for calls - 1 more calls' worth.
    /// </summary>
    private CreditFetch Prepare(ReservationPlan plan, long nowMs, CreditSlot? slot, CreditCover[] buckets, CreditCover[] budgets, List<PendingSettlement> returns)
    {
        Take(plan, slot, buckets, budgets);
        var bucketIndex = Remote(buckets);
        var budgetIndex = Remote(budgets);
        var extras = new long[bucketIndex.Length + budgetIndex.Length];
        var x = 0;
        foreach (var i in bucketIndex)
        {
            extras[x++] = plan.Buckets[i].Amount * (calls - 1);
            GiveBack(plan.Buckets[i].Key, buckets[i]);
        }

        foreach (var j in budgetIndex)
        {
            extras[x++] = plan.Budgets[j].Amount * (calls - 1);
            GiveBack(plan.Budgets[j].Key, budgets[j]);
        }

        return new CreditFetch
        {
            Plan = plan,
            Remote = plan with
            {
                MaxConcurrent = slot is null ? plan.MaxConcurrent : 0,
                Buckets = Array.ConvertAll(bucketIndex, i => buckets[i] == CreditCover.Missing ? plan.Buckets[i] : plan.Buckets[i] with { Amount = 0 }),
                Budgets = Array.ConvertAll(budgetIndex, j => budgets[j] == CreditCover.Missing ? plan.Budgets[j] : plan.Budgets[j] with { Amount = 0 }),
            },
            BucketCover = buckets,
            BudgetCover = budgets,
            BucketIndex = bucketIndex,
            BudgetIndex = budgetIndex,
            Extras = extras,
            ExtraSlots = slot is null && plan.MaxConcurrent > 0 ? calls - 1 : 0,
            Returns = returns,
            LocalSlot = slot,
        };

        void GiveBack(string key, CreditCover cover)
        {
            if (cover == CreditCover.Missing && _credits.Remove(key, out var entry) && entry.Amount != 0)
            {
                returns.Add(new PendingSettlement(entry.Return(unusedKey), nowMs));
            }
        }
    }

    private static int[] Remote(CreditCover[] cover)
    {
        var result = new List<int>(cover.Length);
        for (var i = 0; i < cover.Length; i++)
        {
            if (cover[i] != CreditCover.Full)
            {
                result.Add(i);
            }
        }

        return [.. result];
    }
}
