namespace AgentGate.Gateway.Budgets;

/// <summary>
/// Process-local store with the same semantics as the Redis scripts. One lock makes every step atomic.
/// System.Threading.RateLimiting's limiters do not fit here: they cannot acquire from several limiters
/// all-or-nothing, take refunds after the call, or read an admin override. The divisor divides every
/// limit (replicas sharing a pool while Redis is down).
/// </summary>
internal sealed class InMemoryBudgetStore(int limitDivisor = 1) : IBudgetStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (double Tokens, long Ts, long ExpiresMs)> _buckets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long Value, long ExpiresMs)> _counters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, long>> _leases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _backoff = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _overrides = new(StringComparer.Ordinal);

    public ValueTask<StoreDecision> ReserveAsync(ReservationPlan plan, long nowMs, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(Reserve(plan, nowMs));
        }
    }

    public ValueTask SettleAsync(SettlementPlan plan, long nowMs, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_leases.TryGetValue(plan.ConcurrencyKey, out var leases))
            {
                leases.Remove(plan.LeaseId);
            }

            foreach (var refund in plan.BucketRefunds)
            {
                var capacity = Scale(refund.Capacity);
                var tokens = Refill(refund.Key, capacity, nowMs, plan.WindowMs);
                _buckets[refund.Key] = (Math.Min(capacity, tokens + refund.Amount), nowMs, nowMs + (2 * plan.WindowMs));
            }

            foreach (var delta in plan.BudgetDeltas)
            {
                var value = Counter(delta.Key, nowMs) + delta.Amount;
                _counters[delta.Key] = (value, nowMs + (long)delta.Ttl.TotalMilliseconds);
            }

            if (plan.BackoffUntilMs > nowMs && plan.BackoffUntilMs > _backoff.GetValueOrDefault(plan.BackoffKey))
            {
                _backoff[plan.BackoffKey] = plan.BackoffUntilMs;
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<long[]> ReadCountersAsync(string[] keys, long nowMs, CancellationToken cancellationToken)
    {
        var values = new long[keys.Length];
        lock (_gate)
        {
            for (var i = 0; i < keys.Length; i++)
            {
                values[i] = Counter(keys[i], nowMs);
            }
        }

        return ValueTask.FromResult(values);
    }

    public ValueTask<long[]> ReadBackoffsAsync(string[] keys, long nowMs, CancellationToken cancellationToken)
    {
        var values = new long[keys.Length];
        lock (_gate)
        {
            for (var i = 0; i < keys.Length; i++)
            {
                var until = _backoff.GetValueOrDefault(keys[i]);
                values[i] = until > nowMs ? until : 0;
            }
        }

        return ValueTask.FromResult(values);
    }

    public ValueTask<IReadOnlyDictionary<string, long>> ReadLimitOverridesAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult<IReadOnlyDictionary<string, long>>(new Dictionary<string, long>(_overrides, StringComparer.Ordinal));
        }
    }

    public ValueTask SetLimitOverrideAsync(string limitId, long? limit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (limit is { } value)
            {
                _overrides[limitId] = value;
            }
            else
            {
                _overrides.Remove(limitId);
            }
        }

        return ValueTask.CompletedTask;
    }

    private StoreDecision Reserve(ReservationPlan plan, long nowMs)
    {
        var until = _backoff.GetValueOrDefault(plan.BackoffKey);
        if (until > nowMs)
        {
            return new StoreDecision(StoreOutcome.RateLimited, 0, until - nowMs, 0, 0, false);
        }

        Dictionary<string, long>? leases = null;
        if (plan.MaxConcurrent > 0)
        {
            if (!_leases.TryGetValue(plan.ConcurrencyKey, out leases))
            {
                leases = new Dictionary<string, long>(StringComparer.Ordinal);
                _leases[plan.ConcurrencyKey] = leases;
            }

            foreach (var (id, expiry) in leases)
            {
                if (expiry <= nowMs)
                {
                    leases.Remove(id);
                }
            }

            if (leases.Count >= Scale(plan.MaxConcurrent))
            {
                return new StoreDecision(StoreOutcome.RateLimited, -1, ConcurrencyRetryMs, 0, 0, false);
            }
        }

        Span<double> after = stackalloc double[plan.Buckets.Length];
        for (var i = 0; i < plan.Buckets.Length; i++)
        {
            var bucket = plan.Buckets[i];
            var capacity = Scale(bucket.Capacity);
            var tokens = Refill(bucket.Key, capacity, nowMs, plan.WindowMs);
            if (tokens < bucket.Amount && tokens < capacity)
            {
                var need = Math.Min(bucket.Amount, capacity) - tokens;
                return new StoreDecision(StoreOutcome.RateLimited, i + 1, (long)Math.Ceiling(need * plan.WindowMs / capacity), 0, 0, false);
            }

            after[i] = tokens - bucket.Amount;
        }

        for (var j = 0; j < plan.Budgets.Length; j++)
        {
            var budget = plan.Budgets[j];
            var limit = _overrides.TryGetValue(budget.LimitId, out var o) ? o : budget.DefaultLimit;
            limit = limit < 0 ? limit : Scale(limit);
            var spent = Counter(budget.Key, nowMs);
            if (limit >= 0 && spent + budget.Amount > limit)
            {
                return new StoreDecision(StoreOutcome.BudgetExceeded, j + 1, 0, spent, limit, false);
            }
        }

        for (var i = 0; i < plan.Buckets.Length; i++)
        {
            _buckets[plan.Buckets[i].Key] = (after[i], nowMs, nowMs + (2 * plan.WindowMs));
        }

        foreach (var budget in plan.Budgets)
        {
            _counters[budget.Key] = (Counter(budget.Key, nowMs) + budget.Amount, nowMs + (long)budget.Ttl.TotalMilliseconds);
        }

        leases?.Add(plan.LeaseId, plan.LeaseExpiryMs);
        return StoreDecision.Reserved(false);
    }

    internal const long ConcurrencyRetryMs = 1000;

    private long Scale(long limit) => limitDivisor == 1 ? limit : Math.Max(1, limit / limitDivisor);

    private double Refill(string key, long capacity, long nowMs, long windowMs)
    {
        if (!_buckets.TryGetValue(key, out var state) || state.ExpiresMs <= nowMs)
        {
            return capacity;
        }

        return nowMs > state.Ts ? Math.Min(capacity, state.Tokens + ((nowMs - state.Ts) * (double)capacity / windowMs)) : state.Tokens;
    }

    private long Counter(string key, long nowMs) =>
        _counters.TryGetValue(key, out var c) && c.ExpiresMs > nowMs ? c.Value : 0;
}
