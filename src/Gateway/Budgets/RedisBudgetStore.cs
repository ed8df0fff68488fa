using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace AgentGate.Gateway.Budgets;

/// <summary>
/// Redis store: one EVALSHA per admission, carrying the settlements of calls finished since the previous one.
/// While Redis is unreachable it serves from a
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

        var batch = TakePending();
        var script = new ScriptCall(batch, 3 + plan.Buckets.Length + plan.Budgets.Length, 7 + (plan.Buckets.Length * 2) + (plan.Budgets.Length * 4));
        script.Key(plan.BackoffKey).Key(plan.ConcurrencyKey).Key(_overrides);
        script.Arg(nowMs).Arg(plan.Buckets.Length).Arg(plan.Budgets.Length).Arg(plan.MaxConcurrent)
            .Arg(plan.LeaseId).Arg(plan.LeaseExpiryMs).Arg(plan.WindowMs);
        foreach (var bucket in plan.Buckets)
        {
            script.Key(bucket.Key).Arg(bucket.Capacity).Arg(bucket.Amount);
        }

        foreach (var budget in plan.Budgets)
        {
            script.Key(budget.Key).Arg(budget.LimitId).Arg(budget.DefaultLimit).Arg(budget.Amount).Arg((long)Math.Ceiling(budget.Ttl.TotalSeconds));
        }

        RedisResult result;
        try
        {
            var sent = script.EvaluateAsync(redis.GetDatabase());
            if (batch.Count > 0)
            {
                Track(sent);
            }

            result = await sent.ConfigureAwait(false);
        }
        catch (Exception ex) when (IsOutage(ex))
        {
            Degrade(ex);
            await SettleLostAsync(batch).ConfigureAwait(false);
            return await ReserveLocalAsync(plan, nowMs, cancellationToken).ConfigureAwait(false);
        }

        Recover();
        var r = (RedisResult[])result!;
        return new StoreDecision((StoreOutcome)(int)r[0], (int)r[1], (long)r[2], (long)r[3], (long)r[4], false);
    }

    /// <summary>
    /// Queues the settlement and returns at once: it rides on this replica's next reservation, or goes out
    /// on its own when no settlement command is in flight (see RedisBudgetStore.Settlements.cs). Either way
    /// it is sent before any later command of this replica, so the next reservation sees the freed slot.
    /// </summary>
    public ValueTask SettleAsync(SettlementPlan plan, long nowMs, CancellationToken cancellationToken)
    {
        if (plan.Local)
        {
            return _local.SettleAsync(plan, nowMs, cancellationToken);
        }

        Enqueue(new PendingSettlement(plan, nowMs));
        return ValueTask.CompletedTask;
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
