using AgentGate.Gateway.Budgets;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace AgentGate.Gateway.Tests.Budgets;

/// <summary>Replica credit with two replicas on one Redis: limits hold, accounting is exact, changes travel.</summary>
public sealed partial class RedisCreditTests
{
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
}
