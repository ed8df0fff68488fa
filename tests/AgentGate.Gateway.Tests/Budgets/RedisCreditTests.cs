using AgentGate.Gateway.Budgets;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace AgentGate.Gateway.Tests.Budgets;

/// <summary>The whole store suite again with replica credit on (the shipped default), plus what credit adds:
/// calls admitted without a round trip, exact reads, no overspend across replicas, credit given back.</summary>
public sealed partial class RedisCreditTests : BudgetStoreTests
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
