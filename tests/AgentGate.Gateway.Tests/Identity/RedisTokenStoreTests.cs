using AgentGate.Gateway.Budgets;
using AgentGate.Gateway.Identity;
using AgentGate.Gateway.Tests.Budgets;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using StackExchange.Redis.Profiling;

namespace AgentGate.Gateway.Tests.Identity;

/// <summary>Redis mode: every replica opens its own connection to the shared Redis (AGENTGATE_TEST_REDIS).</summary>
public sealed class RedisTokenStoreTests : TokenStoreTests
{
    private readonly string _prefix = $"agtest:{{{Guid.NewGuid():N}}}:";

    internal override bool Available => RedisTestServer.Connection is not null;

    internal override bool Durable => true;

    internal override ITokenRepository OpenReplica() => Open(Own(Connect()));

    internal override ITokenRepository Restart(ITokenRepository old)
    {
        ((RedisTokenRepository)old).Dispose();
        return OpenReplica();
    }

    [Fact]
    public async Task IssueAsync_Redis_HoldsHashWithTokenLifetimeAndNeverTheToken()
    {
        if (!Available) return;
        var token = await IssueAsync(Store, TimeSpan.FromMinutes(30));
        var db = RedisTestServer.Connection!.GetDatabase();
        var key = _prefix + "token:" + TokenStore.Hash(token.Token);

        var ttl = await db.KeyTimeToLiveAsync(key);
        var idTtl = await db.KeyTimeToLiveAsync(_prefix + "token-id:" + token.Id);
        var values = (await db.HashGetAllAsync(key)).Select(e => (string)e.Value!).ToList();

        Assert.InRange(ttl!.Value, TimeSpan.FromMinutes(29), TimeSpan.FromMinutes(30));
        Assert.InRange(idTtl!.Value, TimeSpan.FromMinutes(29), TimeSpan.FromMinutes(30));
        Assert.DoesNotContain(values, v => v.Contains(token.Token["agt_".Length..], StringComparison.Ordinal));
        Assert.Contains(token.Id, values);
    }

    [Fact]
    public async Task CheckAsync_RepeatedWithinCacheLifetime_OneRedisLookupThenMemory()
    {
        if (!Available) return;
        using var connection = Connect();
        var repository = Own(Open(connection));
        var store = Gateway(repository);
        var token = await IssueAsync(store);
        var session = new ProfilingSession();
        connection.RegisterProfiler(() => session);

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(TokenCheckStatus.Valid, await StatusAsync(store, token.Token));
        }

        var lookups = session.FinishProfiling().Count(c => c.Command == "HGETALL");
        Assert.Equal(1, lookups);
        Assert.True(repository.Caching);
    }

    [Fact]
    public async Task CheckAsync_CacheLifetimePassed_AsksRedisAgain()
    {
        if (!Available) return;
        using var connection = Connect();
        var store = Gateway(Own(Open(connection)));
        var token = await IssueAsync(store);
        Assert.Equal(TokenCheckStatus.Valid, await StatusAsync(store, token.Token));
        // Revoked behind the replica's back (no pub/sub message): only the cache lifetime bounds the staleness.
        await RedisTestServer.Connection!.GetDatabase().HashSetAsync(_prefix + "token:" + TokenStore.Hash(token.Token), "revoked", "1");
        Assert.Equal(TokenCheckStatus.Valid, await StatusAsync(store, token.Token));

        Time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(TokenCheckStatus.Revoked, await StatusAsync(store, token.Token));
    }

    [Fact]
    public async Task CheckAsync_RedisDown_RefusedAsUnavailable()
    {
        if (!Available) return;
        await using var redis = await PrivateRedis.StartAsync();
        using var connection = BudgetServiceCollectionExtensions.ConnectRedis(redis.Configuration);
        using var repository = new RedisTokenRepository(connection, _prefix, TimeSpan.FromSeconds(5), Time, NullLogger<RedisTokenRepository>.Instance);
        var store = Gateway(repository);
        var token = await IssueAsync(store);
        Assert.Equal(TokenCheckStatus.Valid, await StatusAsync(store, token.Token));

        await redis.KillAsync();
        // The cached entry is dropped with the connection: nothing is trusted while revocations cannot be heard.
        await Eventually(() => Task.FromResult(!repository.Caching), "the cache to be switched off");
        Assert.Equal(TokenCheckStatus.Unavailable, await StatusAsync(store, token.Token));
        Assert.False((await store.CheckAsync(token.Token, CancellationToken.None)).IsValid);
    }

    private static ConnectionMultiplexer Connect() =>
        BudgetServiceCollectionExtensions.ConnectRedis(Environment.GetEnvironmentVariable("AGENTGATE_TEST_REDIS")!);

    private RedisTokenRepository Open(IConnectionMultiplexer connection) =>
        new(connection, _prefix, TimeSpan.FromSeconds(5), Time, NullLogger<RedisTokenRepository>.Instance);
}
