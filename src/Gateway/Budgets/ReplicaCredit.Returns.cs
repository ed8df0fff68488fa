namespace AgentGate.Gateway.Budgets;

/// <summary>Settling into credit, and handing credit back to Redis (stale, on reads, on disposal).</summary>
internal sealed partial class ReplicaCredit
{
    /// <summary>Applies a finished call to credit; returns what must still go to Redis (a fleet backoff, a
    /// slot past its hold).</summary>
    public List<PendingSettlement> Settle(SettlementPlan plan, long nowMs)
    {
        var sends = new List<PendingSettlement>();
        lock (_lock)
        {
            if (_held.Remove(plan.LeaseId, out var slot))
            {
                if (slot.ExpiresAtMs - nowMs >= _holdMs * 2)
                {
                    Free(slot.Key).Push(slot with { FreedAtMs = nowMs });
                }
                else
                {
                    sends.Add(new PendingSettlement(Release(slot), nowMs));
                }
            }

            foreach (var refund in plan.BucketRefunds)
            {
                if (refund.Amount != 0)
                {
                    BucketEntry(refund, plan.WindowMs).Amount += refund.Amount;
                }
            }

            foreach (var delta in plan.BudgetDeltas)
            {
                if (delta.Amount != 0)
                {
                    BudgetEntry(delta, plan.WindowMs).Amount -= delta.Amount;
                }
            }

            if (plan.BackoffUntilMs > nowMs)
            {
                _backoffs[plan.BackoffKey] = Math.Max(plan.BackoffUntilMs, _backoffs.GetValueOrDefault(plan.BackoffKey));
                sends.Add(new PendingSettlement(
                    new SettlementPlan("-", plan.BackoffKey, unusedKey, [], [], plan.BackoffUntilMs, false, plan.WindowMs), nowMs));
            }
        }

        return sends;
    }

    /// <summary>A fleet backoff heard from another replica: applies to admissions from credit at once.</summary>
    public void NoteBackoff(string backoffKey, long untilMs)
    {
        lock (_lock)
        {
            _backoffs[backoffKey] = Math.Max(untilMs, _backoffs.GetValueOrDefault(backoffKey));
        }
    }

    /// <summary>Credit and free slots older than the hold, and expired local backoffs.</summary>
    public List<PendingSettlement> TakeStale(long nowMs) => TakeWhere(nowMs, (key, grantedAtMs) => !Fresh(grantedAtMs, nowMs));

    /// <summary>Every credit and free slot (disposal).</summary>
    public List<PendingSettlement> TakeAll(long nowMs) => TakeWhere(nowMs, static (_, _) => true);

    /// <summary>The credit on these keys, so a read of them sees this replica's real spend.</summary>
    public List<PendingSettlement> TakeKeys(IReadOnlyCollection<string> keys, long nowMs)
    {
        var set = new HashSet<string>(keys, StringComparer.Ordinal);
        return TakeWhere(nowMs, (key, _) => set.Contains(key));
    }

    /// <summary>The credit on a budget whose limit an admin changed, so this replica applies the new limit at once.</summary>
    public List<PendingSettlement> TakeLimit(string limitId, long nowMs) =>
        TakeWhere(nowMs, static (_, _) => false, limitId);

    private List<PendingSettlement> TakeWhere(long nowMs, Func<string, long, bool> take, string? limitId = null)
    {
        var returns = new List<PendingSettlement>();
        lock (_lock)
        {
            foreach (var (key, entry) in _credits.ToArray())
            {
                if (take(key, entry.GrantedAtMs) || (limitId is not null && entry.LimitId == limitId))
                {
                    _credits.Remove(key);
                    if (entry.Amount != 0)
                    {
                        returns.Add(new PendingSettlement(entry.Return(unusedKey), nowMs));
                    }
                }
            }

            foreach (var (key, free) in _freeSlots.ToArray())
            {
                var keep = new Stack<CreditSlot>();
                foreach (var slot in free.Reverse())
                {
                    if (take(key, slot.FreedAtMs))
                    {
                        returns.Add(new PendingSettlement(Release(slot), nowMs));
                    }
                    else
                    {
                        keep.Push(slot);
                    }
                }

                _freeSlots[key] = keep;
            }

            foreach (var (key, until) in _backoffs.ToArray())
            {
                if (until <= nowMs)
                {
                    _backoffs.Remove(key);
                }
            }
        }

        return returns;
    }

    /// <summary>Removes a held slot from the concurrency set.</summary>
    private SettlementPlan Release(CreditSlot slot) =>
        new(slot.Member, unusedKey, slot.Key, [], [], 0, false);
}
