using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace AgentGate.Gateway.Identity;

/// <summary>
/// The revocation subscription. The cache is only used while the subscription is believed live: a failed
/// connection clears and disables it (every check then asks Redis), a restored one clears it again, because
/// revocations published while this replica was deaf were never heard.
/// </summary>
internal sealed partial class RedisTokenRepository
{
    private void Subscribe()
    {
        lock (_subscribeGate)
        {
            if (_subscribed)
            {
                _cache.Enabled = true;
                return;
            }

            try
            {
                _redis.GetSubscriber().Subscribe(_channel, OnRevokedMessage);
                _subscribed = true;
                _cache.Enabled = true;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                _cache.Enabled = false;
                Log.SubscribeFailed(_logger, _channelName, ex);
            }
        }
    }

    private void OnRevokedMessage(RedisChannel channel, RedisValue message)
    {
        if (!message.IsNullOrEmpty)
        {
            _cache.Evict(message!);
        }
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e)
    {
        _cache.Enabled = false;
        Log.CacheDisabled(_logger, e.ConnectionType.ToString(), e.FailureType.ToString());
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e) => Subscribe();

    private static partial class Log
    {
        [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "Token lookup in Redis failed; the token is refused")]
        public static partial void LookupFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "Subscribing to token revocations on {Channel} failed; token lookups are not cached until Redis is back")]
        public static partial void SubscribeFailed(ILogger logger, string channel, Exception exception);

        [LoggerMessage(EventId = 2103, Level = LogLevel.Warning, Message = "Redis {ConnectionType} connection failed ({FailureType}); token cache cleared and disabled until it is restored")]
        public static partial void CacheDisabled(ILogger logger, string connectionType, string failureType);

        [LoggerMessage(EventId = 2104, Level = LogLevel.Debug, Message = "Unsubscribing from token revocations failed")]
        public static partial void UnsubscribeFailed(ILogger logger, Exception exception);
    }
}
