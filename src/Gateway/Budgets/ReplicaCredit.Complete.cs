using StackExchange.Redis;

namespace AgentGate.Gateway.Budgets;

/// <summary>Applying a fetch's answer: grants become credit; a refusal puts back what credit had covered.</summary>
internal sealed partial class ReplicaCredit
{
    /// <summary>The decision for the original plan (indexes mapped back from the remote sub-plan).</summary>
    public StoreDecision Complete(CreditFetch fetch, RedisResult[] r, long nowMs)
    {
        StoreDecision decision;
        lock (_lock)
        {
            var outcome = (StoreOutcome)(int)r[0];
            var index = (int)r[1];
            if (outcome == StoreOutcome.Reserved)
            {
                Grant(fetch, r, nowMs);
                decision = StoreDecision.Reserved(false);
            }
            else
            {
                Undo(fetch);
                index = outcome switch
                {
                    StoreOutcome.RateLimited when index > 0 => fetch.BucketIndex[index - 1] + 1,
                    StoreOutcome.BudgetExceeded => fetch.BudgetIndex[index - 1] + 1,
                    _ => index,
                };
                decision = new StoreDecision(outcome, index, (long)r[2], (long)r[3], (long)r[4], false);
            }
        }

        return decision;
    }

    /// <summary>The fetch never reached Redis (outage): puts back what credit had covered.</summary>
    public void Abandon(CreditFetch fetch)
    {
        lock (_lock)
        {
            Undo(fetch);
        }
    }

    private void Grant(CreditFetch fetch, RedisResult[] r, long nowMs)
    {
        var plan = fetch.Plan;
        var remote = fetch.Remote;
        if (remote.MaxConcurrent > 0)
        {
            _held[plan.LeaseId] = new CreditSlot(plan.ConcurrencyKey, plan.LeaseId, plan.LeaseExpiryMs, nowMs);
            var free = Free(plan.ConcurrencyKey);
            for (var n = 1; n <= (int)r[5]; n++)
            {
                free.Push(new CreditSlot(plan.ConcurrencyKey, plan.LeaseId + "#" + n, plan.LeaseExpiryMs, nowMs));
            }
        }

        for (var i = 0; i < remote.Buckets.Length; i++)
        {
            Add(BucketEntry(remote.Buckets[i], remote.WindowMs), (long)r[6 + i], nowMs);
        }

        for (var j = 0; j < remote.Budgets.Length; j++)
        {
            Add(BudgetEntry(remote.Budgets[j], remote.WindowMs), (long)r[6 + remote.Buckets.Length + j], nowMs);
        }

        static void Add(CreditEntry entry, long granted, long nowMs)
        {
            entry.Amount += granted;
            entry.GrantedAtMs = nowMs;
        }
    }

    private void Undo(CreditFetch fetch)
    {
        var plan = fetch.Plan;
        for (var i = 0; i < plan.Buckets.Length; i++)
        {
            if (fetch.BucketCover[i] != CreditCover.Missing)
            {
                BucketEntry(plan.Buckets[i], plan.WindowMs).Amount += plan.Buckets[i].Amount;
            }
        }

        for (var j = 0; j < plan.Budgets.Length; j++)
        {
            if (fetch.BudgetCover[j] != CreditCover.Missing)
            {
                BudgetEntry(plan.Budgets[j], plan.WindowMs).Amount += plan.Budgets[j].Amount;
            }
        }

        if (fetch.LocalSlot is { } slot)
        {
            _held.Remove(plan.LeaseId);
            Free(slot.Key).Push(slot);
        }
    }

    /// <summary>The entry of a bucket key; a new one is stale (given back at the next sweep) until granted.</summary>
    private CreditEntry BucketEntry(BucketCharge bucket, long windowMs) =>
        Entry(bucket.Key, () => new CreditEntry(bucket with { Amount = 0 }, null, windowMs));

    private CreditEntry BudgetEntry(BudgetCharge budget, long windowMs) =>
        Entry(budget.Key, () => new CreditEntry(null, budget with { Amount = 0 }, windowMs));

    private CreditEntry Entry(string key, Func<CreditEntry> create)
    {
        if (!_credits.TryGetValue(key, out var entry))
        {
            entry = create();
            _credits[key] = entry;
        }

        return entry;
    }
}
