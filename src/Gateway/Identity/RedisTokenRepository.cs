using System.Globalization;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace AgentGate.Gateway.Identity;

/// <summary>
/// Token records shared by every replica through Redis. Key schema (prefix default <c>agentgate:{identity}:</c>):
/// <list type="bullet">
/// <item><c>{prefix}token:{sha256-hex}</c> — hash: id, agent, task, issued, expires (unix ms), revoked ("1"); TTL = token lifetime.</item>
/// <item><c>{prefix}token-id:{id}</c> — string: the sha256-hex, so an admin can revoke by id; TTL = token lifetime.</item>
/// <item><c>{prefix}tokens:revoked</c> — pub/sub channel; each message is the sha256-hex of a revoked token.</item>
/// </list>
/// Positive lookups are cached per replica for a few seconds (<see cref="TokenCache"/>); a revocation is published
/// in the same script that records it, and every replica evicts it on receipt.
/// </summary>
internal sealed partial class RedisTokenRepository : ITokenRepository, IDisposable
{
    private const string IssueScript = """
        redis.call('HSET', KEYS[1], 'id', ARGV[1], 'agent', ARGV[2], 'task', ARGV[3], 'issued', ARGV[4], 'expires', ARGV[5])
        redis.call('PEXPIRE', KEYS[1], ARGV[6])
        redis.call('SET', KEYS[2], ARGV[7], 'PX', ARGV[6])
        return 1
        """;

    private const string RevokeScript = """
        local hash = redis.call('GET', KEYS[1])
        if not hash then return false end
        local key = ARGV[1] .. hash
        if redis.call('EXISTS', key) == 0 then return false end
        redis.call('HSET', key, 'revoked', '1')
        redis.call('PUBLISH', ARGV[2], hash)
        return hash
        """;

    private readonly IConnectionMultiplexer _redis;
    private readonly string _prefix;
    private readonly string _channelName;
    private readonly RedisChannel _channel;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TokenCache _cache;
    private readonly Lock _subscribeGate = new();
    private bool _subscribed;

    public RedisTokenRepository(IConnectionMultiplexer redis, string prefix, TimeSpan cacheLifetime, TimeProvider time, ILogger<RedisTokenRepository> logger)
    {
        _redis = redis;
        _prefix = prefix;
        _channelName = prefix + "tokens:revoked";
        _channel = RedisChannel.Literal(_channelName);
        _time = time;
        _logger = logger;
        _cache = new TokenCache(cacheLifetime, time);
        _redis.ConnectionFailed += OnConnectionFailed;
        _redis.ConnectionRestored += OnConnectionRestored;
        Subscribe();
    }

    /// <summary>Whether positive lookups are being cached (only while revocations can be heard).</summary>
    public bool Caching => _cache.Enabled;

    public async ValueTask AddAsync(TokenRecord record, CancellationToken cancellationToken)
    {
        var ttl = (long)Math.Ceiling((record.ExpiresAt - _time.GetUtcNow()).TotalMilliseconds);
        if (ttl <= 0)
        {
            return;
        }

        await _redis.GetDatabase().ScriptEvaluateAsync(
            IssueScript,
            [TokenKey(record.Hash), IdKey(record.Id)],
            [record.Id, record.AgentId, record.Task ?? string.Empty, record.IssuedAt.ToUnixTimeMilliseconds(), record.ExpiresAt.ToUnixTimeMilliseconds(), ttl, record.Hash]).ConfigureAwait(false);
    }

    public ValueTask<TokenLookup> FindAsync(string hash, CancellationToken cancellationToken) =>
        _cache.TryGet(hash, out var cached) ? ValueTask.FromResult(TokenLookup.Found(cached)) : FetchAsync(hash);

    public async ValueTask<bool> RevokeAsync(string id, CancellationToken cancellationToken)
    {
        var result = await _redis.GetDatabase().ScriptEvaluateAsync(RevokeScript, [IdKey(id)], [_prefix + "token:", _channelName]).ConfigureAwait(false);
        if (result.IsNull)
        {
            return false;
        }

        _cache.Evict((string)result!);
        return true;
    }

    public void Dispose()
    {
        _redis.ConnectionFailed -= OnConnectionFailed;
        _redis.ConnectionRestored -= OnConnectionRestored;
        lock (_subscribeGate)
        {
            if (_subscribed)
            {
                try
                {
                    _redis.GetSubscriber().Unsubscribe(_channel, OnRevokedMessage, CommandFlags.FireAndForget);
                }
                catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
                {
                    Log.UnsubscribeFailed(_logger, ex);
                }
            }
        }
    }

    private async ValueTask<TokenLookup> FetchAsync(string hash)
    {
        var generation = _cache.Generation;
        HashEntry[] fields;
        try
        {
            fields = await _redis.GetDatabase().HashGetAllAsync(TokenKey(hash)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Log.LookupFailed(_logger, ex);
            return TokenLookup.Failed;
        }

        var record = Parse(hash, fields);
        if (record is not null)
        {
            _cache.Put(record, generation);
        }

        return TokenLookup.Found(record);
    }

    private static TokenRecord? Parse(string hash, HashEntry[] fields)
    {
        string? id = null, agent = null, task = null;
        long issued = 0, expires = 0;
        var revoked = false;
        foreach (var field in fields)
        {
            switch ((string?)field.Name)
            {
                case "id": id = field.Value; break;
                case "agent": agent = field.Value; break;
                case "task": task = field.Value.IsNullOrEmpty ? null : (string?)field.Value; break;
                case "issued": issued = long.Parse((string)field.Value!, CultureInfo.InvariantCulture); break;
                case "expires": expires = long.Parse((string)field.Value!, CultureInfo.InvariantCulture); break;
                case "revoked": revoked = field.Value == "1"; break;
            }
        }

        return id is null || agent is null
            ? null
            : new TokenRecord(id, hash, agent, task, DateTimeOffset.FromUnixTimeMilliseconds(issued), DateTimeOffset.FromUnixTimeMilliseconds(expires)) { Revoked = revoked };
    }

    private RedisKey TokenKey(string hash) => _prefix + "token:" + hash;

    private RedisKey IdKey(string id) => _prefix + "token-id:" + id;
}
