using AgentGate.Gateway.Budgets;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using StackExchange.Redis.Profiling;

namespace AgentGate.Gateway.Tests.Budgets;

public sealed class RedisBudgetStoreTests : BudgetStoreTests
{
    internal override bool Available => RedisTestServer.Connection is not null;

    internal override IBudgetStore CreateStore(string prefix) => StoreOn(RedisTestServer.Connection!, prefix);

    private RedisBudgetStore StoreOn(IConnectionMultiplexer connection, string? prefix = null) =>
        new(connection, prefix ?? Prefix, 1, new BudgetStoreHealth(), Time, NullLogger<RedisBudgetStore>.Instance);

    /// <summary>Runs <paramref name="test"/> against a redis-server of its own (for server-wide stats and pauses).</summary>
    internal static async Task WithOwnRedisAsync(Func<int, Task> test)
    {
        await using var redis = await PrivateRedis.StartAsync();
        await test(redis.Port);
    }

    [Fact]
    public async Task ReserveAsync_RedisDownThenUp_ServesLocallyDegradedThenResumesShared()
    {
        if (!Available) return;
        await using var redis = await PrivateRedis.StartAsync();
        using var connection = BudgetServiceCollectionExtensions.ConnectRedis(redis.Configuration);
        var health = new BudgetStoreHealth();
        var store = new RedisBudgetStore(connection, Prefix, 2, health, Time, NullLogger<RedisBudgetStore>.Instance);
        var host = Host(Settings(("Replicas", "2"), ("Pools:anthropic:RequestsPerMinute", "4"), ("Pools:anthropic:MaxQueueWait", "00:00:00")), store);
        var shared = await host.Admission.AdmitAsync(BudgetTestHost.Request("a1"), CancellationToken.None);
        Assert.False(shared.Reservation!.Local);

        await redis.KillAsync();
        var local1 = await host.Admission.AdmitAsync(BudgetTestHost.Request("a1"), CancellationToken.None);
        var local2 = await host.Admission.AdmitAsync(BudgetTestHost.Request("a1"), CancellationToken.None);
        var local3 = await host.Admission.AdmitAsync(BudgetTestHost.Request("a1"), CancellationToken.None);

        Assert.True(health.IsDegraded);
        var readiness = await new BudgetHealthCheck(health, store).CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Degraded, readiness.Status);
        Assert.True(local1.Reservation!.Local && local2.Reservation!.Local);
        Assert.Equal(BudgetErrorTypes.RateLimited, local3.Rejection?.Type); // local limit 4 / 2 replicas
        await host.Admission.SettleAsync(local1.Reservation, 1, 1, 0, 200, null, CancellationToken.None);

        redis.Restart();
        await BudgetStoreTests.Eventually(() => connection.IsConnected, "the multiplexer to reconnect");
        Time.Advance(TimeSpan.FromMinutes(1));
        var back = await host.Admission.AdmitAsync(BudgetTestHost.Request("a1"), CancellationToken.None);
        Assert.False(back.Reservation!.Local);
        Assert.False(health.IsDegraded);
    }

    [Fact]
    public async Task ReserveAsync_OneAdmission_IsOneEvalshaOnTheServer()
    {
        if (!Available) return;
        await WithOwnRedisAsync(async port =>
        {
            using var connection = BudgetServiceCollectionExtensions.ConnectRedis($"127.0.0.1:{port},allowAdmin=true");
            var store = StoreOn(connection);
            var host = Host(Settings(("Pools:anthropic:RequestsPerMinute", "100"), ("Pools:anthropic:InputTokensPerMinute", "100000"), ("Pools:anthropic:MaxConcurrent", "5"), ("Agent:Tokens", "100000")), store);
            var warm = await host.Admission.AdmitAsync(BudgetTestHost.Request("warm", task: "t1"), CancellationToken.None);
            await host.Admission.SettleAsync(warm.Reservation!, 10, 10, 0, 200, null, CancellationToken.None);
            var redis = connection.GetServer($"127.0.0.1:{port}");
            var before = await CommandStatsAsync(redis);
            var session = new ProfilingSession();
            connection.RegisterProfiler(() => session);

            var result = await host.Admission.AdmitAsync(BudgetTestHost.Request("a1", task: "t1"), CancellationToken.None);
            var sent = session.FinishProfiling().Select(c => c.Command).Where(c => c is not ("PING" or "ECHO")).ToList();
            connection.RegisterProfiler(() => null);
            var after = await CommandStatsAsync(redis);

            Assert.True(result.IsAdmitted);
            Assert.Equal("EVALSHA", Assert.Single(sent)); // one command left the client …
            Assert.Equal(1, after["evalsha"] - before["evalsha"]); // … and the server ran it as one EVALSHA
            Assert.Equal(before.GetValueOrDefault("eval"), after.GetValueOrDefault("eval"));
        });
    }

    [Fact]
    public async Task SettleAsync_WhileASettlementIsInFlight_QueuedOnesRideOnTheNextReservation()
    {
        if (!Available) return;
        await WithOwnRedisAsync(async port =>
        {
            using var connection = BudgetServiceCollectionExtensions.ConnectRedis($"127.0.0.1:{port}");
            using var admin = BudgetServiceCollectionExtensions.ConnectRedis($"127.0.0.1:{port},allowAdmin=true");
            var store = StoreOn(connection);
            var host = Host(Settings(("Pools:anthropic:RequestsPerMinute", "1000"), ("Pools:anthropic:MaxConcurrent", "5"), ("Pools:anthropic:MaxQueueWait", "00:00:00"), ("Agent:Tokens", "100000")), store);
            var calls = new List<BudgetReservation>();
            for (var i = 0; i < 5; i++)
            {
                calls.Add((await host.Admission.AdmitAsync(BudgetTestHost.Request("a1", input: 100, output: 100), CancellationToken.None)).Reservation!);
            }

            var redis = admin.GetServer($"127.0.0.1:{port}");
            var before = await CommandStatsAsync(redis);

            // Hold the server so the first settlement is still in flight while the others are queued.
            await redis.ExecuteAsync("CLIENT", "PAUSE", "300", "ALL");
            foreach (var call in calls)
            {
                await host.Admission.SettleAsync(call, 10, 20, 0, 200, null, CancellationToken.None);
            }

            var next = await host.Admission.AdmitAsync(BudgetTestHost.Request("a1", input: 100, output: 100), CancellationToken.None);
            await store.DrainSettlementsAsync();
            var after = await CommandStatsAsync(redis);

            Assert.True(next.IsAdmitted); // all five slots were freed before the reservation ran
            Assert.Equal(2, after["evalsha"] - before["evalsha"]); // one settlement alone, four with the reservation
            var spent = await store.ReadCountersAsync([Prefix + "spend:agent:a1:tokens:20261123"], Time.GetUtcNow().ToUnixTimeMilliseconds(), CancellationToken.None);
            Assert.Equal((5 * 30) + 200, spent[0]);
            for (var i = 0; i < 4; i++)
            {
                Assert.True((await host.Admission.AdmitAsync(BudgetTestHost.Request("a1"), CancellationToken.None)).IsAdmitted);
            }
        });
    }

    [Fact]
    public async Task SettleAsync_EveryKeyWritten_HasATimeToLive()
    {
        if (!Available) return;
        var prefix = Prefix;
        var store = StoreOn(RedisTestServer.Connection!);
        var host = Host(Settings(("Pools:anthropic:RequestsPerMinute", "100"), ("Pools:anthropic:InputTokensPerMinute", "100000"), ("Pools:anthropic:MaxConcurrent", "5"), ("Agent:Tokens", "100000"), ("Fleet:Tokens", "1000000")), store);
        var first = await host.Admission.AdmitAsync(BudgetTestHost.Request("a1", task: "t1"), CancellationToken.None);
        var second = await host.Admission.AdmitAsync(BudgetTestHost.Request("a1", task: "t1"), CancellationToken.None);
        await host.Admission.SettleAsync(first.Reservation!, 10, 20, 0, 200, null, CancellationToken.None);
        var database = RedisTestServer.Connection!.GetDatabase();
        var agentKey = prefix + "spend:agent:a1:tokens:20261123";
        await database.KeyDeleteAsync(agentKey); // as if it expired between reservation and settlement
        await host.Admission.SettleAsync(second.Reservation!, 10, 20, 0, 200, null, CancellationToken.None);
        await store.DrainSettlementsAsync();

        var keys = new List<RedisKey>();
        await foreach (var key in RedisTestServer.Connection!.GetServers()[0].KeysAsync(pattern: prefix + "*"))
        {
            keys.Add(key);
        }

        Assert.Contains(keys, k => k == agentKey); // recreated by the settlement (a negative correction) …
        Assert.True(keys.Count >= 5, string.Join(", ", keys));
        foreach (var key in keys)
        {
            Assert.True(await database.KeyTimeToLiveAsync(key) is { } ttl && ttl > TimeSpan.Zero, $"{key} has no TTL"); // … and every key expires
        }
    }

    [Fact]
    public async Task ReadCountersAsync_UnderSteadySettlementLoad_ReturnsWhileTheLoadGoesOn()
    {
        if (!Available) return;
        var store = StoreOn(RedisTestServer.Connection!);
        var host = Host(Settings(("Pools:anthropic:RequestsPerMinute", "100000000"), ("Agent:Tokens", "1000000000000")), store);
        using var stop = new CancellationTokenSource();
        var rounds = 0;
        var producers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested && Interlocked.Increment(ref rounds) < 50_000)
            {
                var admitted = await host.Admission.AdmitAsync(BudgetTestHost.Request("a1", input: 1, output: 1), CancellationToken.None);
                await host.Admission.SettleAsync(admitted.Reservation!, 1, 1, 0, 200, null, CancellationToken.None);
            }
        })).ToList();
        await BudgetStoreTests.Eventually(() => Volatile.Read(ref rounds) > 200, "the load to run");

        var read = store.ReadCountersAsync([Prefix + "spend:agent:a1:tokens:20261123"], Time.GetUtcNow().ToUnixTimeMilliseconds(), CancellationToken.None).AsTask();
        var first = await Task.WhenAny(read, Task.WhenAll(producers));
        stop.Cancel();
        await Task.WhenAll(producers);

        Assert.Same(read, first); // the read did not have to wait for the load to end
        Assert.True((await read)[0] > 0);
    }

    [Fact]
    public async Task ReserveAsync_ScriptCacheFlushed_ReloadsWithEvalAndAdmits()
    {
        if (!Available) return;
        await WithOwnRedisAsync(async port =>
        {
            using var connection = BudgetServiceCollectionExtensions.ConnectRedis($"127.0.0.1:{port},allowAdmin=true");
            var store = StoreOn(connection);
            var host = Host(Settings(("Pools:anthropic:RequestsPerMinute", "100")), store);
            var redis = connection.GetServer($"127.0.0.1:{port}");
            Assert.True((await host.Admission.AdmitAsync(BudgetTestHost.Request("a1"), CancellationToken.None)).IsAdmitted);

            await redis.ScriptFlushAsync();
            var again = await host.Admission.AdmitAsync(BudgetTestHost.Request("a1"), CancellationToken.None);
            var third = await host.Admission.AdmitAsync(BudgetTestHost.Request("a1"), CancellationToken.None);

            Assert.True(again.IsAdmitted && third.IsAdmitted);
            Assert.True(await redis.ScriptExistsAsync(RedisScripts.Reserve.Source));
            var stats = await CommandStatsAsync(redis);
            Assert.Equal(2, stats["eval"]); // first use, and once after the flush
            Assert.Equal(3, stats["evalsha"]); // one per admission, two of them answered NOSCRIPT
        });
    }

    internal static async Task<Dictionary<string, long>> CommandStatsAsync(IServer server)
    {
        var stats = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var group in await server.InfoAsync("commandstats"))
        {
            foreach (var (key, value) in group)
            {
                // cmdstat_evalsha: calls=3,usec=…
                var calls = value.Split(',')[0];
                stats[key.Replace("cmdstat_", "", StringComparison.Ordinal)] = long.Parse(calls["calls=".Length..], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return stats;
    }
}
