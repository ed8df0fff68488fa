using StackExchange.Redis;

namespace AgentGate.Gateway.Budgets;

/// <summary>Reads and admin overrides for the admin surface.</summary>
internal sealed partial class RedisBudgetStore
{
    public async ValueTask<long[]> ReadCountersAsync(string[] keys, long nowMs, CancellationToken cancellationToken)
    {
        if (!UseRedis())
        {
            return await _local.ReadCountersAsync(keys, nowMs, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            // Every call this replica has finished is counted before the read, and its unused credit is not.
            ReturnCredit(keys, nowMs);
            await DrainSettlementsAsync().ConfigureAwait(false);
            var values = await redis.GetDatabase().StringGetAsync(Array.ConvertAll(keys, static k => (RedisKey)k)).ConfigureAwait(false);
            return Array.ConvertAll(values, static v => v.IsNull ? 0L : (long)v);
        }
        catch (Exception ex) when (IsOutage(ex))
        {
            Degrade(ex);
            return await _local.ReadCountersAsync(keys, nowMs, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask<long[]> ReadBackoffsAsync(string[] keys, long nowMs, CancellationToken cancellationToken)
    {
        var values = await ReadCountersAsync(keys, nowMs, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = values[i] > nowMs ? values[i] : 0;
        }

        return values;
    }

    public async ValueTask<IReadOnlyDictionary<string, long>> ReadLimitOverridesAsync(CancellationToken cancellationToken)
    {
        if (!UseRedis())
        {
            return await _local.ReadLimitOverridesAsync(cancellationToken).ConfigureAwait(false);
        }

        HashEntry[] entries;
        try
        {
            entries = await redis.GetDatabase().HashGetAllAsync(_overrides).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsOutage(ex))
        {
            Degrade(ex);
            return await _local.ReadLimitOverridesAsync(cancellationToken).ConfigureAwait(false);
        }

        var result = new Dictionary<string, long>(entries.Length, StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            result[entry.Name!] = (long)entry.Value;
        }

        return result;
    }

    public async ValueTask SetLimitOverrideAsync(string limitId, long? limit, CancellationToken cancellationToken)
    {
        var db = redis.GetDatabase();
        if (limit is { } value)
        {
            await db.HashSetAsync(_overrides, limitId, value).ConfigureAwait(false);
        }
        else
        {
            await db.HashDeleteAsync(_overrides, limitId).ConfigureAwait(false);
        }

        // This replica's credit on that budget was granted under the old limit: hand it back, and tell the
        // other replicas to do the same (RedisBudgetStore.Limits.cs).
        if (_credit is not null)
        {
            EnqueueAll(_credit.TakeLimit(limitId, NowMs));
        }

        await PublishLimitChangeAsync(limitId).ConfigureAwait(false);

        // Keep the degraded-mode store in line so an outage does not lift an admin limit.
        await _local.SetLimitOverrideAsync(limitId, limit, cancellationToken).ConfigureAwait(false);
    }
}
