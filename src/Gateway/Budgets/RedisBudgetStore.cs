using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace AgentGate.Gateway.Budgets;

/// <summary>
/// Redis store: one EVALSHA per admission and per settlement. While Redis is unreachable it serves from a
/// local store with limits divided by the replica count, reports degraded, and goes back to Redis as soon
/// as the connection is back (reservations made locally are settled locally).
/// </summary>
internal sealed partial class RedisBudgetStore(
    IConnectionMultiplexer redis,
    string keyPrefix,
    int replicas,
    BudgetStoreHealth health,
    TimeProvider time,
    ILogger<RedisBudgetStore> logger) : IBudgetStore
{
    private readonly InMemoryBudgetStore _local = new(replicas);
    private readonly RedisKey _overrides = keyPrefix + "limits";

    public async ValueTask<StoreDecision> ReserveAsync(ReservationPlan plan, long nowMs, CancellationToken cancellationToken)
    {
        if (!UseRedis())
        {
            return await ReserveLocalAsync(plan, nowMs, cancellationToken).ConfigureAwait(false);
        }

        var keys = new RedisKey[3 + plan.Buckets.Length + plan.Budgets.Length];
        var args = new RedisValue[7 + (plan.Buckets.Length * 2) + (plan.Budgets.Length * 4)];
        keys[0] = plan.BackoffKey;
        keys[1] = plan.ConcurrencyKey;
        keys[2] = _overrides;
        args[0] = nowMs;
        args[1] = plan.Buckets.Length;
        args[2] = plan.Budgets.Length;
        args[3] = plan.MaxConcurrent;
        args[4] = plan.LeaseId;
        args[5] = plan.LeaseExpiryMs;
        args[6] = plan.WindowMs;
        var k = 3;
        var a = 7;
        foreach (var bucket in plan.Buckets)
        {
            keys[k++] = bucket.Key;
            args[a++] = bucket.Capacity;
            args[a++] = bucket.Amount;
        }

        foreach (var budget in plan.Budgets)
        {
            keys[k++] = budget.Key;
            args[a++] = budget.LimitId;
            args[a++] = budget.DefaultLimit;
            args[a++] = budget.Amount;
            args[a++] = (long)Math.Ceiling(budget.Ttl.TotalSeconds);
        }

        RedisResult result;
        try
        {
            result = await RedisScripts.Reserve.EvaluateAsync(redis.GetDatabase(), keys, args).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsOutage(ex))
        {
            Degrade(ex);
            return await ReserveLocalAsync(plan, nowMs, cancellationToken).ConfigureAwait(false);
        }

        Recover();
        var r = (RedisResult[])result!;
        return new StoreDecision((StoreOutcome)(int)r[0], (int)r[1], (long)r[2], (long)r[3], (long)r[4], false);
    }

    public async ValueTask SettleAsync(SettlementPlan plan, long nowMs, CancellationToken cancellationToken)
    {
        if (plan.Local)
        {
            await _local.SettleAsync(plan, nowMs, cancellationToken).ConfigureAwait(false);
            return;
        }

        var keys = new RedisKey[2 + plan.BucketRefunds.Length + plan.BudgetDeltas.Length];
        var args = new RedisValue[6 + (plan.BucketRefunds.Length * 2) + (plan.BudgetDeltas.Length * 2)];
        keys[0] = plan.BackoffKey;
        keys[1] = plan.ConcurrencyKey;
        args[0] = nowMs;
        args[1] = plan.BucketRefunds.Length;
        args[2] = plan.BudgetDeltas.Length;
        args[3] = plan.LeaseId;
        args[4] = plan.BackoffUntilMs;
        args[5] = plan.WindowMs;
        var k = 2;
        var a = 6;
        foreach (var bucket in plan.BucketRefunds)
        {
            keys[k++] = bucket.Key;
            args[a++] = bucket.Capacity;
            args[a++] = bucket.Amount;
        }

        foreach (var budget in plan.BudgetDeltas)
        {
            keys[k++] = budget.Key;
            args[a++] = budget.Amount;
            args[a++] = (long)Math.Ceiling(budget.Ttl.TotalSeconds);
        }

        try
        {
            await RedisScripts.Settle.EvaluateAsync(redis.GetDatabase(), keys, args).ConfigureAwait(false);
            Recover();
        }
        catch (Exception ex) when (IsOutage(ex))
        {
            // The reservation stays counted in Redis until its keys expire: overcounting is the safe side.
            Degrade(ex);
            await _local.SettleAsync(plan with { BucketRefunds = [], BudgetDeltas = [] }, nowMs, cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask<StoreDecision> ReserveLocalAsync(ReservationPlan plan, long nowMs, CancellationToken cancellationToken)
    {
        var decision = await _local.ReserveAsync(plan, nowMs, cancellationToken).ConfigureAwait(false);
        return decision with { Local = true };
    }

    // While degraded, go back to Redis only once the multiplexer has reconnected, so an outage costs no timeouts.
    private bool UseRedis() => !health.IsDegraded || redis.IsConnected;

    private static bool IsOutage(Exception ex) =>
        ex is RedisConnectionException or RedisTimeoutException or ObjectDisposedException;

    private void Degrade(Exception ex)
    {
        if (health.MarkDegraded(ex.GetType().Name + ": " + ex.Message, time.GetUtcNow()))
        {
            Log.Degraded(logger, replicas, ex.Message);
        }
    }

    private void Recover()
    {
        if (health.MarkHealthy())
        {
            Log.Recovered(logger);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(4101, LogLevel.Warning, "Budget store Redis unreachable; serving with local limits (pool / {Replicas}): {Reason}")]
        public static partial void Degraded(ILogger logger, int replicas, string reason);

        [LoggerMessage(4102, LogLevel.Information, "Budget store Redis reachable again; shared accounting resumed")]
        public static partial void Recovered(ILogger logger);
    }
}
