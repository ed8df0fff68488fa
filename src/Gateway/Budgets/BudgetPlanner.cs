using Microsoft.Extensions.Options;

namespace AgentGate.Gateway.Budgets;

/// <summary>Turns a request into the reservation and settlement plans every store executes the same way.</summary>
internal sealed class BudgetPlanner(IOptions<BudgetOptions> options, BudgetKeys keys)
{
    private readonly BudgetOptions _options = options.Value;

    public BudgetOptions Options => _options;

    public PoolOptions? Pool(string provider) => _options.Pools.GetValueOrDefault(provider);

    public long MaxOutput(AdmissionRequest request) =>
        request.MaxOutputTokens > 0 ? request.MaxOutputTokens : _options.DefaultMaxOutputTokens;

    public ReservationPlan Plan(AdmissionRequest request, DateTimeOffset now, out long costMicros)
    {
        var output = MaxOutput(request);
        var input = Math.Max(0, request.EstimatedInputTokens);
        var tokens = input + output;
        costMicros = CostMicros(request.Model, input, output, 0);
        var pool = Pool(request.Provider);
        var buckets = new List<BucketCharge>(3);
        if (pool is not null)
        {
            AddBucket(buckets, request.Provider, "rpm", pool.RequestsPerMinute, 1, "requests");
            AddBucket(buckets, request.Provider, "itpm", pool.InputTokensPerMinute, input, "input tokens");
            AddBucket(buckets, request.Provider, "otpm", pool.OutputTokensPerMinute, output, "output tokens");
        }

        var agent = _options.Agents.GetValueOrDefault(request.Agent) ?? _options.Agent;
        var budgets = new List<BudgetCharge>(6);
        AddBudgets(budgets, "agent", request.Agent, agent, tokens, costMicros, now, TimeSpan.FromDays(2));
        if (request.Task.Length > 0)
        {
            AddBudgets(budgets, "task", request.Task, _options.Task, tokens, costMicros, now, _options.TaskRetention);
        }

        AddBudgets(budgets, "fleet", "*", _options.Fleet, tokens, costMicros, now, TimeSpan.FromDays(2));
        var leaseTimeout = (long)_options.LeaseTimeout.TotalMilliseconds;
        return new ReservationPlan(
            Guid.NewGuid().ToString("N"),
            keys.Backoff(request.Provider),
            keys.Concurrency(request.Provider),
            pool?.MaxConcurrent ?? 0,
            now.ToUnixTimeMilliseconds() + leaseTimeout,
            [.. buckets],
            [.. budgets],
            _options.WindowSeconds * 1000L);
    }

    /// <summary>Micro-USD: tokens × USD per million tokens, rounded up.</summary>
    public long CostMicros(string model, long input, long output, long cacheRead)
    {
        var price = _options.Prices.GetValueOrDefault(model) ?? _options.Prices.GetValueOrDefault("*");
        return price is null ? 0 : (long)Math.Ceiling((input * price.Input) + (output * price.Output) + (cacheRead * price.CacheRead));
    }

    public SettlementPlan Settle(BudgetReservation reservation, long input, long output, long cacheRead, long backoffUntilMs)
    {
        var plan = reservation.Plan;
        var refunds = new BucketCharge[plan.Buckets.Length];
        for (var i = 0; i < refunds.Length; i++)
        {
            var b = plan.Buckets[i];
            var actual = b.Label switch { "input tokens" => input, "output tokens" => output, _ => b.Amount };
            refunds[i] = b with { Amount = b.Amount - actual };
        }

        var tokens = input + output + cacheRead;
        var cost = CostMicros(reservation.Request.Model, input, output, cacheRead);
        var deltas = new BudgetCharge[plan.Budgets.Length];
        for (var j = 0; j < deltas.Length; j++)
        {
            var g = plan.Budgets[j];
            var isCost = g.LimitId.EndsWith(":cost", StringComparison.Ordinal);
            var reserved = g.Amount + (isCost ? reservation.ExtraCostMicros : reservation.ExtraTokens);
            deltas[j] = g with { Amount = (isCost ? cost : tokens) - reserved };
        }

        return new SettlementPlan(plan.LeaseId, plan.BackoffKey, plan.ConcurrencyKey, refunds, deltas, backoffUntilMs, reservation.Local, plan.WindowMs);
    }

    /// <summary>More output for a running call: its budgets only (no pool, slot or fleet backoff), so a
    /// stream past its reserved output is stopped only by a budget.</summary>
    public ReservationPlan Extend(BudgetReservation reservation, long outputTokens, out long costMicros)
    {
        var cost = CostMicros(reservation.Request.Model, 0, outputTokens, 0);
        costMicros = cost;
        var plan = reservation.Plan;
        var budgets = Array.ConvertAll(plan.Budgets, g => g with { Amount = g.LimitId.EndsWith(":cost", StringComparison.Ordinal) ? cost : outputTokens });
        return new ReservationPlan(plan.LeaseId + "+", keys.Unused, plan.ConcurrencyKey, 0, plan.LeaseExpiryMs, [], budgets, plan.WindowMs);
    }

    /// <summary>Undoes a reservation that was never used (its waiter had already timed out).</summary>
    public static SettlementPlan Release(ReservationPlan plan, bool local) =>
        new(plan.LeaseId, plan.BackoffKey, plan.ConcurrencyKey, plan.Buckets, Array.ConvertAll(plan.Budgets, static g => g with { Amount = -g.Amount }), 0, local, plan.WindowMs);

    /// <summary>The configured limit behind a limit id (before admin overrides), -1 when unlimited.</summary>
    public long DefaultLimit(string scope, string name, string unit)
    {
        var limit = scope switch
        {
            "agent" => _options.Agents.GetValueOrDefault(name) ?? _options.Agent,
            "task" => _options.Task,
            _ => _options.Fleet,
        };
        return unit == "cost" ? ToMicros(limit.Cost) : limit.Tokens ?? -1;
    }

    public static long ToMicros(decimal? usd) => usd is { } v ? (long)Math.Ceiling(v * 1_000_000m) : -1;

    private void AddBudgets(List<BudgetCharge> budgets, string scope, string name, BudgetLimitOptions limit, long tokens, long cost, DateTimeOffset now, TimeSpan ttl)
    {
        var tokensId = BudgetKeys.LimitId(scope, name, "tokens");
        var costId = BudgetKeys.LimitId(scope, name, "cost");
        budgets.Add(new BudgetCharge(keys.Spend(tokensId, now), tokensId, limit.Tokens ?? -1, tokens, ttl));
        budgets.Add(new BudgetCharge(keys.Spend(costId, now), costId, ToMicros(limit.Cost), cost, ttl));
    }

    private void AddBucket(List<BucketCharge> buckets, string provider, string name, long capacity, long amount, string label)
    {
        if (capacity > 0)
        {
            buckets.Add(new BucketCharge(keys.Bucket(provider, name), capacity, amount, label));
        }
    }
}
