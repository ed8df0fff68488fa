using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace AgentGate.Gateway.Budgets;

/// <summary>
/// Redis store: one EVALSHA per admission, carrying the settlements of calls finished since the previous one.
/// While Redis is unreachable it serves from a
/// local store with limits divided by the replica count, reports degraded, and goes back to Redis as soon
/// as the connection is back (reservations made locally are settled locally). With replica credit
/// (<c>creditCalls</c> &gt; 1, <see cref="ReplicaCredit"/>) most admissions need no round trip at all.
/// </summary>
internal sealed partial class RedisBudgetStore(
    IConnectionMultiplexer redis,
    string keyPrefix,
    int replicas,
    BudgetStoreHealth health,
    TimeProvider time,
    ILogger<RedisBudgetStore> logger,
    int creditCalls = 1,
    TimeSpan creditHold = default,
    BudgetLimitSignal? limitSignal = null) : IBudgetStore
{
    private readonly InMemoryBudgetStore _local = new(replicas);
    private readonly RedisKey _overrides = keyPrefix + "limits";
    private readonly ReplicaCredit? _credit = creditCalls > 1
        ? new ReplicaCredit(creditCalls, HoldOrDefault(creditHold), replicas, new BudgetKeys(keyPrefix).Unused)
        : null;

    private ITimer? _sweep;

    public async ValueTask<StoreDecision> ReserveAsync(ReservationPlan plan, long nowMs, CancellationToken cancellationToken)
    {
        if (!UseRedis())
        {
            return await ReserveLocalAsync(plan, nowMs, cancellationToken).ConfigureAwait(false);
        }

        EnsureSubscribed();
        if (_credit is null)
        {
            return await ReserveRemoteAsync(plan, nowMs, null, cancellationToken).ConfigureAwait(false);
        }

        StartSweep();
        var step = _credit.TryTake(plan, nowMs);
        if (step.Fetch is { } fetch)
        {
            return await ReserveRemoteAsync(fetch.Remote, nowMs, fetch, cancellationToken).ConfigureAwait(false);
        }

        EnqueueAll(step.Returns);
        return step.Decision!.Value;
    }

    /// <summary>
    /// Queues the settlement and returns at once: it rides on this replica's next reservation, or goes out
    /// on its own when no settlement command is in flight (see RedisBudgetStore.Settlements.cs). Either way
    /// it is sent before any later command of this replica, so the next reservation sees the freed slot.
    /// With replica credit it goes into the credit instead (only a fleet backoff or an old slot is sent).
    /// </summary>
    public ValueTask SettleAsync(SettlementPlan plan, long nowMs, CancellationToken cancellationToken)
    {
        if (plan.Local)
        {
            return _local.SettleAsync(plan, nowMs, cancellationToken);
        }

        if (_credit is not null)
        {
            EnqueueAll(_credit.Settle(plan, nowMs));
            if (plan.BackoffUntilMs > nowMs)
            {
                _ = PublishBackoffAsync(plan.BackoffKey, plan.BackoffUntilMs);
            }
        }
        else
        {
            Enqueue(new PendingSettlement(plan, nowMs));
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>One EVALSHA: the queued settlements (and a fetch's credit returns), then the reservation.</summary>
    private async ValueTask<StoreDecision> ReserveRemoteAsync(ReservationPlan plan, long nowMs, CreditFetch? fetch, CancellationToken cancellationToken)
    {
        var batch = TakePending();
        if (fetch is { Returns.Count: > 0 })
        {
            batch = [.. batch, .. fetch.Returns];
        }

        var script = new ScriptCall(batch, ScriptCall.ReservationKeys(plan), ScriptCall.ReservationArgs(plan))
            .Reservation(plan, nowMs, _overrides, fetch?.Extras, fetch?.ExtraSlots ?? 0, _credit?.Share ?? 1);
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
            Abandon(fetch);
            Degrade(ex);
            await SettleLostAsync(batch).ConfigureAwait(false);
            return await ReserveLocalAsync(fetch?.Plan ?? plan, nowMs, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Abandon(fetch);
            throw;
        }

        Recover();
        var r = (RedisResult[])result!;
        return fetch is null
            ? new StoreDecision((StoreOutcome)(int)r[0], (int)r[1], (long)r[2], (long)r[3], (long)r[4], false)
            : _credit!.Complete(fetch, r, nowMs);
    }

    private void Abandon(CreditFetch? fetch)
    {
        if (fetch is not null)
        {
            _credit!.Abandon(fetch);
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
