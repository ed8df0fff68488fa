using AgentGate.Gateway.Budgets;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace AgentGate.Gateway.Tests.Budgets;

/// <summary>The whole store suite again with replica credit on (the shipped default), plus what credit adds:
/// calls admitted without a round trip, exact reads, no overspend across replicas, credit given back.</summary>
public sealed class RedisCreditTests : BudgetStoreTests
{
    private static readonly TimeSpan Hold = TimeSpan.FromSeconds(1);

    internal override bool Available => RedisTestServer.Connection is not null;

    internal override IBudgetStore CreateStore(string prefix) => StoreOn(RedisTestServer.Connection!, 1);

    private RedisBudgetStore StoreOn(IConnectionMultiplexer connection, int replicas) =>
        new(connection, Prefix, replicas, new BudgetStoreHealth(), Time, NullLogger<RedisBudgetStore>.Instance, 16, Hold);

    private static Dictionary<string, string?> Unbounded(params (string Key, string Value)[] more) =>
        Settings([("Pools:anthropic:RequestsPerMinute", "1000000"), ("Pools:anthropic:InputTokensPerMinute", "100000000"),
            ("Pools:anthropic:MaxConcurrent", "1000"), ("Agent:Tokens", "100000000"), .. more]);

    [Fact]
    public async Task AdmitAsync_WithCredit_SendsAboutOneCommandPerSixteenCalls()
    {
        if (!Available) return;
        await RedisBudgetStoreTests.WithOwnRedisAsync(async port =>
        {
            using var connection = BudgetServiceCollectionExtensions.ConnectRedis($"127.0.0.1:{port},allowAdmin=true");
            var store = StoreOn(connection, 1);
            var host = Host(Unbounded(), store);
            var server = connection.GetServer($"127.0.0.1:{port}");
            await server.ScriptLoadAsync(RedisScripts.Reserve.Source);
            var before = await RedisBudgetStoreTests.CommandStatsAsync(server);

            for (var i = 0; i < 320; i++)
            {
                var call = await host.Admission.AdmitAsync(BudgetTestHost.Request("a1"), CancellationToken.None);
                await host.Admission.SettleAsync(call.Reservation!, 900, 500, 0, 200, null, CancellationToken.None);
            }

            await store.DrainSettlementsAsync();
            var commands = (await RedisBudgetStoreTests.CommandStatsAsync(server))["evalsha"] - before.GetValueOrDefault("evalsha");
            Assert.InRange(commands, 1, 40); // 320 without credit
        });
    }

    [Fact]
    public async Task AdmitAsync_FromCredit_DoesNotWaitForRedis()
    {
        if (!Available) return;
        await RedisBudgetStoreTests.WithOwnRedisAsync(async port =>
        {
            using var connection = BudgetServiceCollectionExtensions.ConnectRedis($"127.0.0.1:{port},allowAdmin=true");
            using var admin = BudgetServiceCollectionExtensions.ConnectRedis($"127.0.0.1:{port},allowAdmin=true");
            var host = Host(Unbounded(), StoreOn(connection, 1));
            Assert.True((await host.Admission.AdmitAsync(BudgetTestHost.Request("a1"), CancellationToken.None)).IsAdmitted);
            var paused = System.Diagnostics.Stopwatch.StartNew();
            await admin.GetServer($"127.0.0.1:{port}").ExecuteAsync("CLIENT", "PAUSE", "5000", "ALL");

            for (var i = 0; i < 5; i++)
            {
                Assert.True((await host.Admission.AdmitAsync(BudgetTestHost.Request("a1"), CancellationToken.None)).IsAdmitted);
            }

            Assert.True(paused.Elapsed < TimeSpan.FromSeconds(4), "admissions from credit waited for the paused server");
        });
    }

    [Fact]
    public async Task ReadCountersAsync_WithCreditOutstanding_ShowsExactSpend()
    {
        if (!Available) return;
        var host = Host(Unbounded());
        for (var i = 0; i < 3; i++)
        {
            var call = await host.Admission.AdmitAsync(BudgetTestHost.Request("a1", input: 100, output: 100), CancellationToken.None);
            await host.Admission.SettleAsync(call.Reservation!, 10, 20, 0, 200, null, CancellationToken.None);
        }

        var key = new BudgetKeys(Prefix).Spend("agent:a1:tokens", Time.GetUtcNow());
        var raw = (long)await RedisTestServer.Connection!.GetDatabase().StringGetAsync(key);
        var read = await host.Store.ReadCountersAsync([key], Time.GetUtcNow().ToUnixTimeMilliseconds(), CancellationToken.None);

        Assert.True(raw > 90, $"credit should be counted in Redis before the read, got {raw}");
        Assert.Equal(90, read[0]);
        Assert.Equal(90, (long)await RedisTestServer.Connection.GetDatabase().StringGetAsync(key));
    }

    [Fact]
    public async Task Sweep_CreditOlderThanHold_GoesBackToRedis()
    {
        if (!Available) return;
        var host = Host(Unbounded());
        var call = await host.Admission.AdmitAsync(BudgetTestHost.Request("a1", input: 100, output: 100), CancellationToken.None);
        await host.Admission.SettleAsync(call.Reservation!, 10, 20, 0, 200, null, CancellationToken.None);
        var db = RedisTestServer.Connection!.GetDatabase();
        var key = new BudgetKeys(Prefix).Spend("agent:a1:tokens", Time.GetUtcNow());
        Assert.True((long)await db.StringGetAsync(key) > 30);

        Time.Advance(Hold);

        await Eventually(() => (long)db.StringGet(key) == 30, "the credit to go back");
        await Eventually(() => db.SortedSetLength(Prefix + "conc:anthropic") == 0, "the credit slots to go back");
    }

    [Fact]
    public async Task AdmitAsync_TwoReplicasDrainingOneBudget_AdmitExactlyTheLimit()
    {
        if (!Available) return;
        var settings = Unbounded(("Replicas", "2"), ("Agent:Tokens", "200000"));
        var a = Host(settings, StoreOn(RedisTestServer.Connection!, 2));
        var b = Host(new Dictionary<string, string?>(settings), StoreOn(RedisTestServer.Connection!, 2));
        var admitted = 0;
        var refusedInARow = 0;
        for (var i = 0; refusedInARow < 4 && i < 5000; i++) // both replicas refused twice: no credit left anywhere
        {
            var host = i % 2 == 0 ? a : b;
            var call = await host.Admission.AdmitAsync(BudgetTestHost.Request("a1", input: 100, output: 100), CancellationToken.None);
            if (call.IsAdmitted)
            {
                admitted++;
                refusedInARow = 0;
                await host.Admission.SettleAsync(call.Reservation!, 100, 100, 0, 200, null, CancellationToken.None);
            }
            else
            {
                Assert.Equal(BudgetErrorTypes.BudgetExceeded, call.Rejection!.Type);
                refusedInARow++;
                await ((RedisBudgetStore)a.Store).DrainSettlementsAsync(); // background top-ups land before the next try
                await ((RedisBudgetStore)b.Store).DrainSettlementsAsync();
            }
        }

        await ((RedisBudgetStore)a.Store).DisposeAsync();
        await ((RedisBudgetStore)b.Store).DisposeAsync();
        var key = new BudgetKeys(Prefix).Spend("agent:a1:tokens", Time.GetUtcNow());
        Assert.Equal(1000, admitted); // 200,000 / 200: all of it, none over
        Assert.Equal(200_000, (long)await RedisTestServer.Connection!.GetDatabase().StringGetAsync(key));
    }

    [Fact]
    public async Task AdmitAndSettle_ConcurrentOnTwoReplicas_RedisEndsWithExactlyTheRealUsage()
    {
        if (!Available) return;
        var settings = Unbounded(("Replicas", "2"), ("Prices:claude-test:Input", "3"), ("Prices:claude-test:Output", "15"));
        var stores = new[] { StoreOn(RedisTestServer.Connection!, 2), StoreOn(RedisTestServer.Connection!, 2) };
        var hosts = new[] { Host(settings, stores[0]), Host(new Dictionary<string, string?>(settings), stores[1]) };
        long input = 0, output = 0;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; i < 50; i++)
            {
                var host = hosts[(worker + i) % 2];
                var call = await host.Admission.AdmitAsync(BudgetTestHost.Request("a" + (worker % 3), input: 1000, output: 1000), CancellationToken.None);
                var (usedIn, usedOut) = (100 + (worker * 7) + i, (i % 5) * 300); // some below, some above the estimate
                Interlocked.Add(ref input, usedIn);
                Interlocked.Add(ref output, usedOut);
                await host.Admission.SettleAsync(call.Reservation!, usedIn, usedOut, 0, 200, null, CancellationToken.None);
            }
        })));

        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }

        var db = RedisTestServer.Connection!.GetDatabase();
        var keys = new BudgetKeys(Prefix);
        var now = Time.GetUtcNow();
        Assert.Equal(input + output, (long)await db.StringGetAsync(keys.Spend("fleet:*:tokens", now)));
        Assert.Equal((input * 3) + (output * 15), (long)await db.StringGetAsync(keys.Spend("fleet:*:cost", now))); // micro-USD
        Assert.Equal(100_000_000 - input, (double)await db.HashGetAsync(keys.Bucket("anthropic", "itpm"), "t")); // fake time: no refill
        Assert.Equal(1_000_000 - 400, (double)await db.HashGetAsync(keys.Bucket("anthropic", "rpm"), "t"));
        Assert.Equal(0, await db.SortedSetLengthAsync(keys.Concurrency("anthropic")));
    }

    [Fact]
    public async Task AdmitAsync_TwoReplicasSmallConcurrencyLimit_NeverExceedIt()
    {
        if (!Available) return;
        var settings = Unbounded(("Replicas", "2"), ("Pools:anthropic:MaxConcurrent", "10"), ("Pools:anthropic:MaxQueueWait", "00:00:00"));
        var a = Host(settings, StoreOn(RedisTestServer.Connection!, 2));
        var b = Host(new Dictionary<string, string?>(settings), StoreOn(RedisTestServer.Connection!, 2));
        var held = new List<(BudgetTestHost Host, BudgetReservation Call)>();
        for (var i = 0; i < 12; i++)
        {
            var host = i % 2 == 0 ? a : b;
            var call = await host.Admission.AdmitAsync(BudgetTestHost.Request("a" + i), CancellationToken.None);
            if (call.IsAdmitted)
            {
                held.Add((host, call.Reservation!));
            }
        }

        Assert.Equal(10, held.Count);
        foreach (var (host, call) in held)
        {
            await host.Admission.SettleAsync(call, 1, 1, 0, 200, null, CancellationToken.None);
        }

        Assert.True((await a.Admission.AdmitAsync(BudgetTestHost.Request("again"), CancellationToken.None)).IsAdmitted);
    }

    [Fact]
    public async Task SettleAsync_Upstream429_StopsThisReplicaAndTheOthersCreditAtOnce()
    {
        if (!Available) return;
        var settings = Unbounded(("Pools:anthropic:MaxQueueWait", "00:00:00"));
        var a = Host(settings);
        // b asks for 500 calls' worth, so it cannot learn the backoff from a fetch during this test.
        var b = Host(new Dictionary<string, string?>(settings), new RedisBudgetStore(RedisTestServer.Connection!, Prefix, 1, new BudgetStoreHealth(), Time, NullLogger<RedisBudgetStore>.Instance, 500, Hold));
        var first = await a.Admission.AdmitAsync(BudgetTestHost.Request("a1"), CancellationToken.None);
        Assert.True((await b.Admission.AdmitAsync(BudgetTestHost.Request("b1"), CancellationToken.None)).IsAdmitted); // b now holds credit
        var channel = RedisChannel.Literal(Prefix + "backoff:set");
        await Eventually(() => RedisTestServer.Connection!.GetServer(RedisTestServer.Connection.GetEndPoints()[0]).SubscriptionSubscriberCount(channel) > 0, "the replicas to subscribe");

        await a.Admission.SettleAsync(first.Reservation!, 0, 0, 0, 429, TimeSpan.FromSeconds(10), CancellationToken.None);

        Assert.Equal("pool:anthropic:backoff", (await a.Admission.AdmitAsync(BudgetTestHost.Request("a1"), CancellationToken.None)).Rejection?.Rule);
        var admittedMeanwhile = 0;
        AdmissionResult fromB;
        while ((fromB = await b.Admission.AdmitAsync(BudgetTestHost.Request("b1"), CancellationToken.None)).IsAdmitted && admittedMeanwhile < 400)
        {
            // No fake time passes: b's credit stays fresh, only the published backoff can stop it.
            admittedMeanwhile++;
            await Task.Delay(5);
        }

        Assert.True(admittedMeanwhile < 100, $"b admitted {admittedMeanwhile} calls from credit after the backoff was set");
        Assert.Equal("pool:anthropic:backoff", fromB.Rejection?.Rule);
        Assert.Equal(TimeSpan.FromSeconds(10), fromB.Rejection!.RetryAfter);
    }

    [Fact]
    public async Task SetLimitAsync_OnAnotherReplica_DropsThisOnesCreditAndSignalsAtOnce()
    {
        if (!Available) return;
        var signal = new BudgetLimitSignal();
        var storeB = new RedisBudgetStore(RedisTestServer.Connection!, Prefix, 2, new BudgetStoreHealth(), Time, NullLogger<RedisBudgetStore>.Instance, 16, Hold, signal);
        var a = Host(Unbounded(("Replicas", "2")));
        var b = Host(Unbounded(("Replicas", "2")), storeB);
        Assert.True((await b.Admission.AdmitAsync(BudgetTestHost.Request("a1"), CancellationToken.None)).IsAdmitted); // b holds credit on agent:a1:tokens
        var db = RedisTestServer.Connection!.GetDatabase();
        var key = new BudgetKeys(Prefix).Spend("agent:a1:tokens", Time.GetUtcNow());
        Assert.True((long)await db.StringGetAsync(key) > 2000);
        var channel = RedisChannel.Literal(Prefix + "limits:changed");
        await Eventually(() => RedisTestServer.Connection.GetServer(RedisTestServer.Connection.GetEndPoints()[0]).SubscriptionSubscriberCount(channel) > 0, "b to subscribe");

        await a.Admin.SetLimitAsync("agent:a1:tokens", 3000, CancellationToken.None); // on a; no time passes

        await Eventually(() => signal.Version > 0, "the change to reach b");
        await Eventually(() => (long)db.StringGet(key) == 2000, "b's credit to go back");
        var refused = await b.Admission.AdmitAsync(BudgetTestHost.Request("a1"), CancellationToken.None);
        Assert.Equal("agent:a1:tokens", refused.Rejection?.Rule); // 2,000 + 2,000 > 3,000, decided in Redis, not from credit
    }

    [Fact]
    public async Task AdmitAsync_RefusedByRedis_PutsBackWhatCreditCovered()
    {
        if (!Available) return;
        var store = StoreOn(RedisTestServer.Connection!, 1);
        var host = Host(Unbounded(("Agents:small:Tokens", "2000")), store);
        Assert.True((await host.Admission.AdmitAsync(BudgetTestHost.Request("big"), CancellationToken.None)).IsAdmitted); // buckets now in credit
        Assert.True((await host.Admission.AdmitAsync(BudgetTestHost.Request("small"), CancellationToken.None)).IsAdmitted); // 2,000 of 2,000

        var refused = await host.Admission.AdmitAsync(BudgetTestHost.Request("small"), CancellationToken.None); // buckets from credit, budget refused

        Assert.Equal(BudgetErrorTypes.BudgetExceeded, refused.Rejection?.Type);
        await store.DisposeAsync(); // every credit back; fake time, so no refill
        var left = (double)await RedisTestServer.Connection!.GetDatabase().HashGetAsync(Prefix + "pool:anthropic:rpm", "t");
        Assert.Equal(1_000_000 - 2, left); // two admitted calls; the refused one's request was put back
    }

    [Fact]
    public async Task AdmitAsync_RedisDownWithCredit_UsesCreditThenLocalLimits()
    {
        if (!Available) return;
        await using var redis = await PrivateRedis.StartAsync();
        using var connection = BudgetServiceCollectionExtensions.ConnectRedis(redis.Configuration);
        var health = new BudgetStoreHealth();
        var store = new RedisBudgetStore(connection, Prefix, 1, health, Time, NullLogger<RedisBudgetStore>.Instance, 16, Hold);
        var host = Host(Unbounded(), store);
        Assert.True((await host.Admission.AdmitAsync(BudgetTestHost.Request("a1"), CancellationToken.None)).IsAdmitted);

        await redis.KillAsync();
        var fromCredit = await host.Admission.AdmitAsync(BudgetTestHost.Request("a1"), CancellationToken.None);
        Time.Advance(Hold); // the credit is stale now: the next call must go to Redis, which is down
        var local = await host.Admission.AdmitAsync(BudgetTestHost.Request("a1"), CancellationToken.None);

        Assert.False(fromCredit.Reservation!.Local);
        Assert.True(local.Reservation!.Local);
        Assert.True(health.IsDegraded);
    }
}
