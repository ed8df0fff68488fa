using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace AgentGate.Gateway.Budgets;

/// <summary>
/// Limit changes reach every replica at once: the replica that stores an admin override publishes its id on
/// <c>{prefix}limits:changed</c>; each replica (subscribed on its first reservation) hands back its credit on
/// that limit and raises <see cref="BudgetLimitSignal"/> so its running streams check their budgets again.
/// With replica credit a fleet backoff is published the same way (<c>{prefix}backoff:set</c>). A message
/// published while a replica is disconnected is missed; its credit still expires within CreditHold.
/// </summary>
internal sealed partial class RedisBudgetStore
{
    private int _subscribed;

    private RedisChannel LimitsChannel => RedisChannel.Literal(keyPrefix + "limits:changed");

    private RedisChannel BackoffChannel => RedisChannel.Literal(keyPrefix + "backoff:set");

    private void EnsureSubscribed()
    {
        if (Volatile.Read(ref _subscribed) == 0 && Interlocked.Exchange(ref _subscribed, 1) == 0)
        {
            _ = SubscribeAsync();
        }
    }

    private async Task SubscribeAsync()
    {
        try
        {
            var subscriber = redis.GetSubscriber();
            await subscriber.SubscribeAsync(LimitsChannel, OnLimitChanged).ConfigureAwait(false);
            if (_credit is not null)
            {
                await subscriber.SubscribeAsync(BackoffChannel, OnBackoff).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            Volatile.Write(ref _subscribed, 0); // tried again on the next reservation
            LimitLog.SubscribeFailed(logger, ex);
        }
    }

    private void Unsubscribe()
    {
        if (Interlocked.Exchange(ref _subscribed, 0) == 1)
        {
            try
            {
                var subscriber = redis.GetSubscriber();
                subscriber.Unsubscribe(LimitsChannel, OnLimitChanged, CommandFlags.FireAndForget);
                subscriber.Unsubscribe(BackoffChannel, OnBackoff, CommandFlags.FireAndForget);
            }
            catch (Exception ex) when (ex is RedisException or ObjectDisposedException)
            {
                // Shutting down with the connection already gone: nothing is subscribed any more.
            }
        }
    }

    private async Task PublishLimitChangeAsync(string limitId)
    {
        try
        {
            await redis.GetSubscriber().PublishAsync(LimitsChannel, limitId).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsOutage(ex))
        {
            LimitLog.PublishFailed(logger, limitId, ex);
        }
    }

    /// <summary>With replica credit, a fleet backoff is also published ("{backoff key} {until ms}") so every
    /// replica stops admitting from credit at once, not only at its next fetch.</summary>
    private async Task PublishBackoffAsync(string backoffKey, long untilMs)
    {
        try
        {
            await redis.GetSubscriber().PublishAsync(BackoffChannel, $"{backoffKey} {untilMs}").ConfigureAwait(false);
        }
        catch (Exception ex) when (IsOutage(ex))
        {
            LimitLog.PublishFailed(logger, backoffKey, ex);
        }
    }

    private void OnBackoff(RedisChannel channel, RedisValue message)
    {
        var text = (string?)message;
        var space = text?.LastIndexOf(' ') ?? -1;
        if (space > 0 && long.TryParse(text.AsSpan(space + 1), System.Globalization.CultureInfo.InvariantCulture, out var untilMs))
        {
            _credit?.NoteBackoff(text![..space], untilMs);
        }
    }

    private void OnLimitChanged(RedisChannel channel, RedisValue message)
    {
        if (message.IsNullOrEmpty)
        {
            return;
        }

        if (_credit is not null)
        {
            EnqueueAll(_credit.TakeLimit(message!, NowMs));
        }

        limitSignal?.Raise();
    }

    private static partial class LimitLog
    {
        [LoggerMessage(4104, LogLevel.Warning, "Subscribing to budget limit changes failed; other replicas' changes reach this one within CreditHold")]
        public static partial void SubscribeFailed(ILogger logger, Exception exception);

        [LoggerMessage(4105, LogLevel.Warning, "Publishing the change of {What} failed; other replicas apply it within CreditHold")]
        public static partial void PublishFailed(ILogger logger, string what, Exception exception);
    }
}
