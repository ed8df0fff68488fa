using StackExchange.Redis;

namespace AgentGate.Gateway.Budgets;

/// <summary>
/// The KEYS and ARGV of one <see cref="RedisScripts.Reserve"/> call: the queued settlements first, then the
/// reservation's keys and arguments appended by the caller (none for a settlement-only call).
/// </summary>
internal sealed class ScriptCall
{
    private readonly RedisKey[] _keys;
    private readonly RedisValue[] _args;
    private int _k;
    private int _a;

    public ScriptCall(IReadOnlyList<PendingSettlement> settlements, int reservationKeys, int reservationArgs)
    {
        var keys = reservationKeys;
        var args = 1 + reservationArgs;
        foreach (var (plan, _) in settlements)
        {
            keys += 2 + plan.BucketRefunds.Length + plan.BudgetDeltas.Length;
            args += 6 + (plan.BucketRefunds.Length * 2) + (plan.BudgetDeltas.Length * 2);
        }

        _keys = new RedisKey[keys];
        _args = new RedisValue[args];
        Arg(settlements.Count);
        foreach (var (plan, nowMs) in settlements)
        {
            Key(plan.BackoffKey).Key(plan.ConcurrencyKey);
            Arg(nowMs).Arg(plan.BucketRefunds.Length).Arg(plan.BudgetDeltas.Length).Arg(plan.LeaseId).Arg(plan.BackoffUntilMs).Arg(plan.WindowMs);
            foreach (var bucket in plan.BucketRefunds)
            {
                Key(bucket.Key).Arg(bucket.Capacity).Arg(bucket.Amount);
            }

            foreach (var budget in plan.BudgetDeltas)
            {
                Key(budget.Key).Arg(budget.Amount).Arg((long)Math.Ceiling(budget.Ttl.TotalSeconds));
            }
        }
    }

    public static int ReservationKeys(ReservationPlan plan) => 3 + plan.Buckets.Length + plan.Budgets.Length;

    public static int ReservationArgs(ReservationPlan plan) => 9 + (plan.Buckets.Length * 3) + (plan.Budgets.Length * 5);

    /// <summary>Appends a reservation; <paramref name="extras"/> (buckets, then budgets) ask for replica credit
    /// on top of the plan's amounts (null: none), <paramref name="share"/> bounds an extra to 1/share of what is left.</summary>
    public ScriptCall Reservation(ReservationPlan plan, long nowMs, RedisKey overrides, long[]? extras, int extraSlots, int share)
    {
        Key(plan.BackoffKey).Key(plan.ConcurrencyKey).Key(overrides);
        Arg(nowMs).Arg(plan.Buckets.Length).Arg(plan.Budgets.Length).Arg(plan.MaxConcurrent)
            .Arg(plan.LeaseId).Arg(plan.LeaseExpiryMs).Arg(plan.WindowMs).Arg(extraSlots).Arg(share);
        var x = 0;
        foreach (var bucket in plan.Buckets)
        {
            Key(bucket.Key).Arg(bucket.Capacity).Arg(bucket.Amount).Arg(extras?[x++] ?? 0);
        }

        foreach (var budget in plan.Budgets)
        {
            Key(budget.Key).Arg(budget.LimitId).Arg(budget.DefaultLimit).Arg(budget.Amount)
                .Arg((long)Math.Ceiling(budget.Ttl.TotalSeconds)).Arg(extras?[x++] ?? 0);
        }

        return this;
    }

    public ScriptCall Key(RedisKey key)
    {
        _keys[_k++] = key;
        return this;
    }

    public ScriptCall Arg(RedisValue value)
    {
        _args[_a++] = value;
        return this;
    }

    /// <summary>Writes the command to the multiplexer before returning (so later commands run after it).</summary>
    public Task<RedisResult> EvaluateAsync(IDatabaseAsync database) => RedisScripts.Reserve.EvaluateAsync(database, _keys, _args);
}
