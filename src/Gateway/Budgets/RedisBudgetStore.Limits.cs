using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace AgentGate.Gateway.Budgets;

/// <summary>
/// Limit changes reach every replica at once: the replica that stores an admin override publishes its id on
/// <c>{prefix}limits:changed</c>; each replica (subscribed on its first reservation) hands back its credit on
/// that limit and raises <see cref="BudgetLimitSignal"/> so its running streams check their budgets again.
/// A change published while a replica is disconnected is missed; its credit still expires within CreditHold.
/// </summary>
internal sealed partial class RedisBudgetStore
{
    private int _subscribed;

    private RedisChannel LimitsChannel => RedisChannel.Literal(keyPrefix + "limits:changed");

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
            await redis.GetSubscriber().SubscribeAsync(LimitsChannel, OnLimitChanged).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            Volatile.Write(ref _subscribed, 0); // tried again on the next reservation
            LimitLog.SubscribeFailed(logger, ex);
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

        [LoggerMessage(4105, LogLevel.Warning, "Publishing the change of budget limit {LimitId} failed; other replicas apply it within CreditHold")]
        public static partial void PublishFailed(ILogger logger, string limitId, Exception exception);
    }
}
